import base64
import json
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/drafts/restore")
def restore_draft():
    blob = base64.b64decode(request.form["draft"])
    draft = pickle.loads(blob)
    return jsonify({"title": draft.get("title"), "words": len(draft.get("body", "").split())})
