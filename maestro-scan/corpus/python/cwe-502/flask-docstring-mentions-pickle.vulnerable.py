import base64
import json
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/filters/apply")
def apply_saved_filter():
    """Apply a saved filter passed back by the client."""
    saved = pickle.loads(base64.urlsafe_b64decode(request.args["filter"]))
    return jsonify({"applied": saved})
