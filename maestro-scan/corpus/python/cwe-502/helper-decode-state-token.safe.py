import base64
import json
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)


def decode_state(token):
    return json.loads(base64.urlsafe_b64decode(token))


@app.route("/oauth/callback")
def oauth_callback():
    state = decode_state(request.args["state"])
    return jsonify({"return_to": state.get("return_to", "/"), "nonce": state.get("nonce")})
