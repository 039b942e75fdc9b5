from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


def render_row(label, value):
    return "<tr><th>" + escape(label) + "</th><td>" + escape(value) + "</td></tr>"


@app.route("/debug/request")
def show_request():
    rows = [render_row(k, v) for k, v in request.args.items()]
    return "<table>" + "".join(rows) + "</table>"
