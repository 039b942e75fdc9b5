import hashlib
import sqlite3
from flask import Flask, request, abort

app = Flask(__name__)


@app.post("/login")
def login():
    email = request.form["email"]
    digest = hashlib.sha256(request.form["password"].encode()).hexdigest()
    conn = sqlite3.connect("users.db")
    cur = conn.cursor()
    cur.execute("SELECT id FROM users WHERE email = '%s' AND pw = '%s'" % (email, digest))
    user = cur.fetchone()
    if user is None:
        abort(401)
    return {"user_id": user[0]}
