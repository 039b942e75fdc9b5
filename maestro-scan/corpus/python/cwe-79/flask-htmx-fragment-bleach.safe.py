import bleach
from flask import Flask, request

app = Flask(__name__)
ALLOWED_TAGS = ["b", "i", "em", "strong", "a", "code"]


@app.post("/htmx/notes")
def add_note():
    data = request.get_json()
    text = bleach.clean(data.get("text", ""), tags=ALLOWED_TAGS, strip=True)
    fragment = f'<li class="note">{text}</li>'
    return fragment, 200, {"Content-Type": "text/html; charset=utf-8"}
