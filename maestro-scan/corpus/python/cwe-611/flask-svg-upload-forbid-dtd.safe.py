from flask import Flask, request, jsonify
from defusedxml import ElementTree

app = Flask(__name__)
SVG_NS = "{http://www.w3.org/2000/svg}"


@app.post("/api/icons")
def upload_icon():
    svg_bytes = request.files["icon"].read()
    root = ElementTree.fromstring(svg_bytes, forbid_dtd=True)
    if root.tag != SVG_NS + "svg":
        return jsonify({"error": "not an SVG"}), 400
    return jsonify({"width": root.get("width"), "height": root.get("height")})
