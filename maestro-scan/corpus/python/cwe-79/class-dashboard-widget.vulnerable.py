import html
from flask import Flask, request

app = Flask(__name__)


class Widget:
    def __init__(self, title, body):
        self.title = title
        self.body = body

    def to_html(self):
        return f"<section class='widget'><h3>{self.title}</h3><div>{self.body}</div></section>"


@app.post("/dashboard/widgets/preview")
def preview_widget():
    widget = Widget(request.form["title"], "Widget content loads here")
    return widget.to_html()
