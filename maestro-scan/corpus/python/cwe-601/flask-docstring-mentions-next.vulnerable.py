from flask import Flask, request, redirect, url_for

app = Flask(__name__)


@app.route("/logout")
def logout():
    """End the session and go back to the login page."""
    response = redirect(request.args.get("next", url_for("login_page")))
    response.delete_cookie("session")
    return response


@app.route("/login")
def login_page():
    return "login"
