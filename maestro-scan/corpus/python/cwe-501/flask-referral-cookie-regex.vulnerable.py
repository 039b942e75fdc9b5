import re

from flask import Flask, request, session, render_template

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.route("/signup")
def signup_form():
    ref = request.cookies.get("ref")
    if ref:
        session["referral_code"] = ref
    return render_template("signup.html")
