from django.contrib.auth import authenticate
from django.http import JsonResponse
from rest_framework.authtoken.models import Token


def api_login(request):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return JsonResponse({"error": "invalid credentials"}, status=401)
    token, _ = Token.objects.get_or_create(user=user)
    response = JsonResponse({"ok": True})
    response.set_cookie("auth_token", token.key, max_age=3600, secure=True, httponly=True, samesite="Strict")
    return response
