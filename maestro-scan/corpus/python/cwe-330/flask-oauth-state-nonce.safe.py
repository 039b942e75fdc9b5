import random
import secrets
from urllib.parse import urlencode

from flask import Flask, session, redirect

app = Flask(__name__)
app.secret_key = "configured-in-env"
AUTHORIZE_URL = "https://accounts.example.com/oauth/authorize"


@app.route("/login/sso")
def sso_login():
    state = secrets.token_urlsafe(24)
    session["oauth_state"] = state
    query = urlencode({"client_id": "web", "response_type": "code", "state": state})
    return redirect(f"{AUTHORIZE_URL}?{query}")
