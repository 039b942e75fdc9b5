from flask import Flask, make_response

from .auth import current_user, new_session_id

app = Flask(__name__)
COOKIE_OPTIONS = {"httponly": False, "secure": True, "samesite": "Lax", "max_age": 3600}


@app.post("/session/rotate")
def rotate_session():
    sid = new_session_id(current_user())
    resp = make_response({"rotated": True})
    resp.set_cookie("sid", sid, **COOKIE_OPTIONS)
    return resp
