from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
BALLOTS = etree.parse("ballots.xml")


@app.post("/api/tally")
def tally():
    candidate = request.form["candidate"]
    count = BALLOTS.xpath("count(//vote[@candidate='%s'])" % candidate)
    return jsonify({"candidate": candidate, "votes": int(count)})
