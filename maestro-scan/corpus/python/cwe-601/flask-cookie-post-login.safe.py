from flask import Flask, request, redirect
from flask_login import login_required

app = Flask(__name__)


@app.route("/welcome")
@login_required
def welcome():
    target = request.cookies.get("after_login", "/home")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/home"
    response = redirect(target)
    response.delete_cookie("after_login")
    return response
