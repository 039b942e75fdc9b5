import json
from flask import Flask, request, jsonify

app = Flask(__name__)
LOCALES = {"en", "fr", "de", "es"}


@app.route("/i18n/messages")
def messages():
    locale = request.headers.get("X-Locale", "en")
    with open(f"locales/{locale}.json", encoding="utf-8") as fh:
        return jsonify(json.load(fh))
