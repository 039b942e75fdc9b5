from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
FEED = etree.parse("feed.xml")


@app.post("/api/feed/items")
def feed_items():
    body = request.get_json()
    query = "//item[category=$cat]/title/text()"
    titles = FEED.xpath(query, cat=body.get("category", "news"))
    return jsonify([str(t) for t in titles])
