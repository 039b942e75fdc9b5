from flask import Flask, request, make_response
from markupsafe import escape

app = Flask(__name__)


@app.route("/print", methods=["GET", "POST"])
def printable():
    title = request.values.get("title", "Document")
    page = "<html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>".format(title)
    resp = make_response(page)
    resp.headers["Content-Type"] = "text/html"
    return resp
