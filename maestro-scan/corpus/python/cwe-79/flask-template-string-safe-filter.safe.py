from flask import Flask, request, render_template_string

app = Flask(__name__)

PAGE = """
<!doctype html>
<title>Guestbook</title>
<blockquote>{{ entry }}</blockquote>
<p>&mdash; {{ author }}</p>
"""


@app.post("/guestbook/sign")
def sign():
    return render_template_string(PAGE, entry=request.form["entry"], author=request.form["author"])
