import base64
import json
import pickle

from flask import Flask, request, render_template

app = Flask(__name__)


@app.route("/cart")
def cart():
    raw = request.cookies.get("cart")
    items = json.loads(base64.b64decode(raw)) if raw else []
    total = sum(i["price"] * i["qty"] for i in items)
    return render_template("cart.html", items=items, total=total)
