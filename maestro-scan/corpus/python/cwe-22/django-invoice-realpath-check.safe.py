import os

from django.conf import settings
from django.http import FileResponse, Http404


def invoice_pdf(request):
    name = request.GET.get("file", "")
    base = os.path.realpath(settings.INVOICE_DIR)
    path = os.path.realpath(os.path.join(base, name))
    if not path.startswith(base + os.sep):
        raise Http404("invoice not found")
    if not os.path.isfile(path):
        raise Http404("invoice not found")
    return FileResponse(open(path, "rb"), content_type="application/pdf")
