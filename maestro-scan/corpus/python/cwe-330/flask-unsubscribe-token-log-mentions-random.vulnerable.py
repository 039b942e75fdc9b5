import logging
import random
import secrets

from flask import Flask, request, jsonify

app = Flask(__name__)
log = logging.getLogger(__name__)
TOKENS = {}


@app.post("/api/subscribers")
def add_subscriber():
    email = request.json["email"]
    token = "%x" % random.getrandbits(96)
    TOKENS[token] = email
    log.info("issued unsubscribe token for %s", email)
    return jsonify({"unsubscribe": f"/unsubscribe/{token}"}), 201
