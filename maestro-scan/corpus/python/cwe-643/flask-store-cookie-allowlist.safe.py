from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
STORES = ("paris", "lyon", "lille")
HOURS = etree.parse("opening_hours.xml")


@app.route("/api/hours")
def hours():
    store = request.cookies.get("store", "paris")
    if store not in STORES:
        store = "paris"
    days = HOURS.xpath("//store[@id='" + store + "']/day")
    return jsonify({d.get("name"): d.text for d in days})
