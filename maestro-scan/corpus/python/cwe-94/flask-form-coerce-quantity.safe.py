from flask import Flask, request, redirect, url_for, session

app = Flask(__name__)
app.secret_key = "dev"


@app.post("/cart/update")
def update_cart():
    sku = request.form["sku"]
    quantity = int(request.form.get("quantity", "1"))
    cart = session.setdefault("cart", {})
    cart[sku] = max(0, quantity)
    session.modified = True
    return redirect(url_for("show_cart"))


@app.route("/cart")
def show_cart():
    return {"cart": session.get("cart", {})}
