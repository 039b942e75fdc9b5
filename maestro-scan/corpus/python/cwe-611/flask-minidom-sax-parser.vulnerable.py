import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/config/preview")
def preview_config():
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)
    dom = minidom.parseString(request.get_data(as_text=True), parser=reader)
    settings = {
        el.getAttribute("name"): el.getAttribute("value")
        for el in dom.getElementsByTagName("setting")
    }
    return jsonify(settings)
