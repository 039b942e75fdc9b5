import random
import secrets
import string
from datetime import datetime, timedelta

from flask import Flask, request, jsonify

from .models import db, User, PasswordReset

app = Flask(__name__)


@app.post("/password/forgot")
def forgot_password():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user:
        token = secrets.token_urlsafe(30)
        db.session.add(PasswordReset(user_id=user.id, token=token,
                                     expires=datetime.utcnow() + timedelta(hours=1)))
        db.session.commit()
    return jsonify({"sent": True})
