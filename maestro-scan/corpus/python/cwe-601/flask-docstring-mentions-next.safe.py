from flask import Flask, request, redirect, url_for

app = Flask(__name__)


@app.route("/logout")
def logout():
    """End the session and go back to the login page.

    The ?next= parameter is ignored: redirect(request.args["next"]) sends users off-site.
    """
    response = redirect(url_for("login_page"))
    response.delete_cookie("session")
    return response


@app.route("/login")
def login_page():
    return "login"
