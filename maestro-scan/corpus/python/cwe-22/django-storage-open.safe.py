import os

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpResponse


def document(request):
    name = request.GET["doc"]
    fh = default_storage.open(name, "rb")
    with fh:
        return HttpResponse(fh.read(), content_type="application/octet-stream")
