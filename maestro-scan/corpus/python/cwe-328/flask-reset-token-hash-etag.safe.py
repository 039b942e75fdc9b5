import hashlib
import secrets

from flask import Flask, request, jsonify, make_response

from .models import db, PasswordReset

app = Flask(__name__)


@app.post("/password/reset-request")
def reset_request():
    token = secrets.token_urlsafe(32)
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    db.session.add(PasswordReset(email=request.form["email"], token_hash=token_hash))
    db.session.commit()
    body = "If the address exists, a reset link was sent."
    resp = make_response(jsonify({"message": body}))
    resp.set_etag(hashlib.md5(body.encode(), usedforsecurity=False).hexdigest())
    return resp
