from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
FEED = etree.parse("feed.xml")


@app.post("/api/feed/items")
def feed_items():
    body = request.get_json()
    query = "//item[category='{}']/title/text()".format(body.get("category", "news"))
    titles = FEED.xpath(query)
    return jsonify([str(t) for t in titles])
