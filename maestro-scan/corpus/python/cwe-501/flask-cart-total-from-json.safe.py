from flask import Flask, request, session, jsonify

from .catalog import price_of

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.post("/api/cart/checkout")
def start_checkout():
    body = request.get_json()
    items = body["items"]
    session["checkout_items"] = [(i["sku"], int(i["qty"])) for i in items]
    session["checkout_total"] = sum(price_of(i["sku"]) * int(i["qty"]) for i in items)
    return jsonify({"next": "/checkout/pay"})
