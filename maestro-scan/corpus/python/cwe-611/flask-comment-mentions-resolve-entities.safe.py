from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


@app.post("/api/translations/import")
def import_translations():
    # resolve_entities=True would let <!ENTITY x SYSTEM "file:///etc/passwd"> be expanded
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(request.data, parser)
    units = {u.get("id"): u.findtext("target") for u in root.iter("trans-unit")}
    return jsonify({"imported": len(units)})
