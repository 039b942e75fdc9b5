import secrets

from flask import Flask, request, make_response, abort

from .auth import check_credentials, store_session

app = Flask(__name__)


@app.post("/login")
def login():
    user = check_credentials(request.form["email"], request.form["password"])
    if user is None:
        abort(401)
    token = secrets.token_urlsafe(32)
    store_session(token, user.id)
    resp = make_response({"ok": True})
    resp.set_cookie("session_token", token, max_age=7 * 86400)
    return resp
