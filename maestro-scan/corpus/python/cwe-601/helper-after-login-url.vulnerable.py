from urllib.parse import urlsplit
from flask import Flask, request, redirect

app = Flask(__name__)


def after_login_url(req):
    return req.args.get("next") or "/dashboard"


@app.route("/sso/callback")
def sso_callback():
    # token exchange happens in the SSO middleware
    return redirect(after_login_url(request))
