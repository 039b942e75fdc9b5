from django.contrib.auth import authenticate, login
from django.http import JsonResponse


def api_login(request):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return JsonResponse({"error": "invalid credentials"}, status=401)
    login(request, user)
    request.session.update({
        "username": user.get_username(),
        "login_method": "password",
    })
    return JsonResponse({"ok": True})
