from urllib.parse import urlparse
from flask import Flask, request, redirect, session

app = Flask(__name__)
app.secret_key = "change-me"


@app.route("/lang/<code>")
def set_language(code):
    session["lang"] = code if code in ("en", "fr", "de") else "en"
    destination = request.referrer or "/"
    if urlparse(destination).netloc not in ("", request.host):
        destination = "/"
    return redirect(destination)
