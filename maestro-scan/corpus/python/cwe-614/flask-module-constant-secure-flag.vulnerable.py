from flask import Flask, make_response

from .auth import current_user, session_for

app = Flask(__name__)
SECURE_COOKIES = False


@app.route("/session")
def start_session():
    resp = make_response({"user": current_user().id})
    resp.set_cookie("sid", session_for(current_user()), secure=SECURE_COOKIES, httponly=True)
    return resp
