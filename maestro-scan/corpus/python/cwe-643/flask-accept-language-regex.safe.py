import re
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
MESSAGES = etree.parse("messages.xml")


@app.route("/api/messages")
def messages():
    lang = request.headers.get("Accept-Language", "en")[:5]
    if not re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", lang):
        lang = "en"
    texts = MESSAGES.xpath(f"//message[@lang='{lang}']")
    return jsonify({m.get("key"): m.text for m in texts})
