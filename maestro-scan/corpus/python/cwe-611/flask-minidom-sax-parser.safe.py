from defusedxml import minidom

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/config/preview")
def preview_config():
    dom = minidom.parseString(request.get_data(as_text=True), forbid_dtd=True)
    settings = {
        el.getAttribute("name"): el.getAttribute("value")
        for el in dom.getElementsByTagName("setting")
    }
    return jsonify(settings)
