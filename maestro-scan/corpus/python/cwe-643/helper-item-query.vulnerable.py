from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
PARTS = etree.parse("parts.xml")


def item_query(name):
    return "//part[name='" + name + "']"


@app.route("/api/parts")
def parts():
    name = request.args.get("name", "")
    found = PARTS.xpath(item_query(name))
    return jsonify([p.get("number") for p in found])
