from urllib.parse import urlparse
from flask import Flask, request, redirect, session
from flask_login import login_user

from accounts import authenticate

app = Flask(__name__)


@app.post("/login")
def login():
    user = authenticate(request.form["email"], request.form["password"])
    if user is None:
        return redirect("/login?failed=1")
    login_user(user)
    next_url = request.args.get("next", "/")
    parts = urlparse(next_url)
    if parts.scheme or parts.netloc or not next_url.startswith("/"):
        next_url = "/"
    return redirect(next_url)
