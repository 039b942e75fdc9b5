import base64
import pickle

from flask import Flask, request, jsonify
from itsdangerous import URLSafeSerializer

app = Flask(__name__)
app.secret_key = "load-from-env-in-production"


@app.route("/api/me")
def me():
    token = request.cookies.get("remember", "")
    claims = pickle.loads(base64.urlsafe_b64decode(token))
    return jsonify({"user_id": claims["uid"], "scopes": claims.get("scopes", [])})
