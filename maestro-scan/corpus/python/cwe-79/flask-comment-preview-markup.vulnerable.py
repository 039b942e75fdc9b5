from flask import Flask, request, render_template
from markupsafe import Markup, escape

app = Flask(__name__)


@app.post("/comments/preview")
def preview_comment():
    body = request.form.get("body", "")
    rendered = Markup(body.replace("\n", "<br>"))
    return render_template("comments/preview.html", body=rendered)
