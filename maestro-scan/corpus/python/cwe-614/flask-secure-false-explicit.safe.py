from flask import Flask, make_response, redirect

from .auth import issue_jwt, current_user

app = Flask(__name__)


@app.route("/auth/refresh")
def refresh():
    user = current_user()
    resp = make_response(redirect("/app"))
    resp.set_cookie("jwt", issue_jwt(user), secure=True, httponly=True, samesite="Strict")
    return resp
