import hashlib

import bcrypt
from flask import Flask, request, jsonify

from .models import db, User

app = Flask(__name__)


@app.post("/signup")
def signup():
    password = request.form["password"]
    pw_hash = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode()
    user = User(email=request.form["email"], password_hash=pw_hash)
    db.session.add(user)
    db.session.commit()
    return jsonify({"id": user.id}), 201
