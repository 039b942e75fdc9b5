from flask import Flask, request, session, redirect
from werkzeug.security import check_password_hash

from .models import User

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.post("/login")
def login():
    user = User.query.filter_by(name=request.form["name"]).first_or_404()
    if not check_password_hash(user.pw_hash, request.form["password"]):
        return redirect("/login?error=1")
    session["user_id"] = user.id
    session["login_ip"] = request.headers.get("X-Forwarded-For", request.remote_addr)
    return redirect("/")
