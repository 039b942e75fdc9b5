from passlib.hash import bcrypt, md5_crypt
from flask import Flask, request, jsonify

from .models import db, Account

app = Flask(__name__)


@app.post("/accounts")
def create_account():
    account = Account(
        login=request.json["login"],
        password_hash=md5_crypt.hash(request.json["password"]),
    )
    db.session.add(account)
    db.session.commit()
    return jsonify({"login": account.login}), 201
