import base64
import pickle

from flask import Flask, request, jsonify
from itsdangerous import URLSafeSerializer

app = Flask(__name__)
app.secret_key = "load-from-env-in-production"


@app.route("/api/me")
def me():
    token = request.cookies.get("remember", "")
    claims = URLSafeSerializer(app.secret_key, salt="remember").loads(token)
    return jsonify({"user_id": claims["uid"], "scopes": claims.get("scopes", [])})
