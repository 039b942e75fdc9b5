from django.contrib.auth import authenticate, login
from django.http import JsonResponse


def api_login(request):
    request.session.update({
        "username": request.POST["username"],
        "login_method": "password",
    })
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return JsonResponse({"error": "invalid credentials"}, status=401)
    login(request, user)
    return JsonResponse({"ok": True})
