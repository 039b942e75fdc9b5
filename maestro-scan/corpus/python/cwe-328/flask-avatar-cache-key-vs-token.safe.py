import hashlib
import hmac

from flask import Flask, request, jsonify

app = Flask(__name__)
SIGNING_KEY = b"rotated-monthly"


@app.route("/api/avatar-url")
def avatar_url():
    email = request.args["email"].strip().lower()
    gravatar = hashlib.md5(email.encode(), usedforsecurity=False).hexdigest()
    expires = 3600
    sig = hmac.new(SIGNING_KEY, f"{gravatar}:{expires}".encode(), hashlib.sha256).hexdigest()
    return jsonify({"url": f"/img/{gravatar}?exp={expires}&sig={sig}"})
