import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

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
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(request.body))
    return JsonResponse({"total": round(handler.total, 2)})
