from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"


@csrf_exempt
def soap_endpoint(request):
    parser = etree.XMLParser(load_dtd=True, no_network=False)
    envelope = etree.fromstring(request.body, parser=parser)
    body = envelope.find(f"{{{SOAP_NS}}}Body")
    action = body[0].tag.split("}")[-1] if len(body) else "Empty"
    reply = f"<ack action='{action}'/>"
    return HttpResponse(reply, content_type="text/xml")
