from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


@login_required
def accept_invite(request, token):
    request.user.profile.accept_invite(token)
    next_url = request.GET.get("next", "/teams/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=set(settings.ALLOWED_HOSTS)):
        next_url = "/teams/"
    return redirect(next_url)
