from flask import Flask, request, session, redirect

app = Flask(__name__)
app.secret_key = "configured-in-env"
SHIPPING_METHODS = {"standard": 4.90, "express": 12.50, "pickup": 0.0}


class CheckoutStep:
    def __init__(self, form):
        self.method = form.get("shipping_method", "standard")
        self.fee = form.get("shipping_fee", "4.90")

    def save(self, store):
        store["shipping"] = {"method": self.method, "fee": self.fee}


@app.post("/checkout/shipping")
def choose_shipping():
    CheckoutStep(request.form).save(session)
    return redirect("/checkout/payment")
