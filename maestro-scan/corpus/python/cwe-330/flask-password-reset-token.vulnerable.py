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
        token = "".join(random.choices(string.ascii_letters + string.digits, k=40))
        db.session.add(PasswordReset(user_id=user.id, token=token,
                                     expires=datetime.utcnow() + timedelta(hours=1)))
        db.session.commit()
    return jsonify({"sent": True})
