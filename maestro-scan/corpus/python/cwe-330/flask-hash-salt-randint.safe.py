import hashlib
import os
import random

from flask import Flask, request, jsonify

from .models import db, User

app = Flask(__name__)


@app.post("/register")
def register():
    salt = os.urandom(16)
    digest = hashlib.scrypt(request.form["password"].encode(), salt=salt, n=2**14, r=8, p=1)
    db.session.add(User(email=request.form["email"], salt=salt.hex(), pw_hash=digest.hex()))
    db.session.commit()
    return jsonify({"ok": True}), 201
