import random
import secrets

from flask import Flask, session, render_template

app = Flask(__name__)
app.secret_key = "configured-in-env"


def csrf_token():
    if "csrf" not in session:
        session["csrf"] = secrets.token_hex(32)
    return session["csrf"]


@app.route("/settings")
def settings_form():
    return render_template("settings.html", csrf=csrf_token())
