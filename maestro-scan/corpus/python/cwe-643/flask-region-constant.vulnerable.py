from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
RATES = etree.parse("shipping_rates.xml")


@app.route("/api/shipping/rates")
def shipping_rates():
    region = request.args.get("region", "EU")
    rates = RATES.xpath("//region[@code='" + region + "']/rate")
    return jsonify({r.get("carrier"): float(r.text) for r in rates})
