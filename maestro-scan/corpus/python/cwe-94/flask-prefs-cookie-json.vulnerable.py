import json
from flask import Flask, request, render_template

app = Flask(__name__)


@app.route("/dashboard")
def dashboard():
    raw = request.cookies.get("prefs", "{}")
    prefs = eval(raw)
    widgets = prefs.get("widgets", ["inbox", "calendar"])
    return render_template("dashboard.html", widgets=widgets, compact=prefs.get("compact", False))
