from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


@app.post("/api/feeds/validate")
def validate_feed():
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(request.data, parser)
    return jsonify({"root": root.tag, "items": len(root.findall(".//item"))})
