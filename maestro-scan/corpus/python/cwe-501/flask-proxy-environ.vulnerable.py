import os

from flask import Flask, request, jsonify, abort, session

app = Flask(__name__)
app.secret_key = "configured-in-env"
PROXIES = {"eu": "http://proxy-eu.internal:3128", "us": "http://proxy-us.internal:3128"}


@app.post("/admin/egress")
def set_egress_proxy():
    if session.get("role") != "admin":
        abort(403)
    os.environ["HTTPS_PROXY"] = request.json["proxy"]
    return jsonify({"proxy": os.environ["HTTPS_PROXY"]})
