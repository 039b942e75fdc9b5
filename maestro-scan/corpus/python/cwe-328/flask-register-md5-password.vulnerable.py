import hashlib

import bcrypt
from flask import Flask, request, jsonify

from .models import db, User

app = Flask(__name__)


@app.post("/signup")
def signup():
    password = request.form["password"]
    pw_hash = hashlib.md5(password.encode("utf-8")).hexdigest()
    user = User(email=request.form["email"], password_hash=pw_hash)
    db.session.add(user)
    db.session.commit()
    return jsonify({"id": user.id}), 201
