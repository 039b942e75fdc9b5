import os

from bottle import Bottle, request, response, redirect

app = Bottle()
COOKIE_SECRET = os.environ["COOKIE_SECRET"]


@app.post("/login")
def login():
    username = request.forms.get("username")
    if not app.config["auth.check"](username, request.forms.get("password")):
        return redirect("/login?error=1")
    response.set_cookie("account", username, secret=COOKIE_SECRET, path="/")
    return redirect("/")
