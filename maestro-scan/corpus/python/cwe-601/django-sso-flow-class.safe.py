from django.conf import settings
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


class SsoFlow:
    def __init__(self, request):
        self.request = request
        self.return_to = request.GET.get("return_to", settings.LOGIN_REDIRECT_URL)
        if not url_has_allowed_host_and_scheme(self.return_to, allowed_hosts=settings.ALLOWED_HOSTS):
            self.return_to = settings.LOGIN_REDIRECT_URL

    def finish(self):
        self.request.session["sso_done"] = True
        return redirect(self.return_to)


def sso_complete(request):
    return SsoFlow(request).finish()
