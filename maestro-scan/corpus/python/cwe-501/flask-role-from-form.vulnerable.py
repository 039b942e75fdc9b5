from flask import Flask, request, session, redirect, abort
from werkzeug.security import check_password_hash

from .models import User

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None or not check_password_hash(user.pw_hash, request.form["password"]):
        abort(401)
    session["user_id"] = user.id
    session["role"] = request.form.get("role", "member")
    return redirect("/")
