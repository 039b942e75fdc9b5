import base64
import json
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/filters/apply")
def apply_saved_filter():
    """Apply a saved filter passed back by the client.

    The blob is JSON; pickle.loads() on client data would run arbitrary code.
    """
    saved = json.loads(base64.urlsafe_b64decode(request.args["filter"]))
    return jsonify({"applied": saved})
