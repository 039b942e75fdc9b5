from django.http import HttpResponseRedirect

from accounts.sso import exchange_code


def sso_callback(request):
    session_token = exchange_code(request.GET["code"])
    response = HttpResponseRedirect("/dashboard/")
    response.set_cookie("sso_session", session_token, httponly=True, samesite="Lax")
    return response
