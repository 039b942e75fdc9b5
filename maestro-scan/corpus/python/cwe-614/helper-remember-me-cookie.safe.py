import secrets

from flask import Flask, request, make_response, redirect

from .auth import login_user, save_remember_token

app = Flask(__name__)


def set_remember_cookie(response, token):
    response.set_cookie("remember_token", token, max_age=30 * 86400, secure=True, httponly=True)
    return response


@app.post("/login")
def login():
    user = login_user(request.form["email"], request.form["password"])
    response = make_response(redirect("/"))
    if request.form.get("remember"):
        token = secrets.token_urlsafe(32)
        save_remember_token(user, token)
        set_remember_cookie(response, token)
    return response
