import html
from flask import Flask, request, make_response

app = Flask(__name__)


@app.route("/")
def home():
    display_name = request.cookies.get("display_name")
    if display_name:
        banner = "<p class='welcome'>Welcome back, %s!</p>" % display_name
    else:
        banner = "<p class='welcome'>Welcome!</p>"
    return make_response("<html><body>" + banner + "</body></html>")
