import os

from django.conf import settings
from django.http import FileResponse, Http404


def invoice_pdf(request):
    name = request.GET.get("file", "")
    path = os.path.join(settings.INVOICE_DIR, name)
    if not os.path.isfile(path):
        raise Http404("invoice not found")
    return FileResponse(open(path, "rb"), content_type="application/pdf")
