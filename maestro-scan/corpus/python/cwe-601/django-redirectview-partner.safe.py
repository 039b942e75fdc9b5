from urllib.parse import urlparse

from django.http import Http404
from django.views.generic.base import RedirectView

PARTNER_HOSTS = {"partner-a.com", "www.partner-b.io"}


class PartnerRedirectView(RedirectView):
    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        url = self.request.GET.get("url", "")
        if urlparse(url).hostname not in PARTNER_HOSTS:
            raise Http404
        return url
