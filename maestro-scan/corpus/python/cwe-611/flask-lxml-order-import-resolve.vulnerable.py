from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


@app.post("/api/orders/import")
def import_order():
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(request.data, parser)
    order = {
        "id": root.findtext("id"),
        "customer": root.findtext("customer/name"),
        "lines": len(root.findall("lines/line")),
    }
    return jsonify(order), 201
