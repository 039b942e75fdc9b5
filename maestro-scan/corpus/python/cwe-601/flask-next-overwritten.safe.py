from flask import Flask, request, redirect, url_for

app = Flask(__name__)


@app.route("/account/deleted")
def account_deleted():
    next_page = request.args.get("next", "/")
    next_page = url_for("index")  # a deleted account has nowhere else to go
    return redirect(next_page)


@app.route("/")
def index():
    return "home"
