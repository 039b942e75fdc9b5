from django.http import JsonResponse
from lxml import etree


class InvoiceImporter:
    parser = etree.XMLParser(resolve_entities=True, no_network=False)

    def parse(self, payload):
        root = etree.fromstring(payload, self.parser)
        return {"number": root.findtext("number"), "total": root.findtext("total")}


def import_invoice(request):
    data = InvoiceImporter().parse(request.body)
    return JsonResponse(data, status=201)
