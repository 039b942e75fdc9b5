import defusedxml.sax
from xml.sax.handler import ContentHandler

from django.http import JsonResponse


class TotalHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.total = 0.0

    def startElement(self, name, attrs):
        if name == "payment":
            self.total += float(attrs.get("amount", "0"))


def payments_total(request):
    handler = TotalHandler()
    defusedxml.sax.parseString(request.body, handler)
    return JsonResponse({"total": round(handler.total, 2)})
