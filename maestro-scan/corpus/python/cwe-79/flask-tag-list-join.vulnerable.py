from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/tags")
def tag_cloud():
    tags = request.args.getlist("tag")
    items = "".join(f"<li><a href='/tags/{t}'>{t}</a></li>" for t in tags)
    return f"<ul class='tags'>{items}</ul>"
