from flask import Flask, request, session, redirect

app = Flask(__name__)
app.secret_key = "configured-in-env"
SHIPPING_METHODS = {"standard": 4.90, "express": 12.50, "pickup": 0.0}


class CheckoutStep:
    def __init__(self, form):
        method = form.get("shipping_method", "standard")
        self.method = method if method in SHIPPING_METHODS else "standard"
        self.fee = SHIPPING_METHODS[self.method]

    def save(self, store):
        store["shipping"] = {"method": self.method, "fee": self.fee}


@app.post("/checkout/shipping")
def choose_shipping():
    CheckoutStep(request.form).save(session)
    return redirect("/checkout/payment")
