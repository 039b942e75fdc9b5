from flask import Flask, request, redirect, url_for

app = Flask(__name__)


@app.route("/account/deleted")
def account_deleted():
    next_page = request.args.get("next", "/")
    return redirect(next_page)


@app.route("/")
def index():
    return "home"
