from flask import Flask, make_response, request

from .auth import issue_session

app = Flask(__name__)


@app.post("/api/session")
def create_session():
    token = issue_session(request.json["username"], request.json["password"])
    resp = make_response({"ok": True})
    # an earlier set_cookie(..., secure=False, httponly=False) leaked this token to scripts
    resp.set_cookie("api_session", token, samesite="None", secure=True, httponly=True)
    return resp
