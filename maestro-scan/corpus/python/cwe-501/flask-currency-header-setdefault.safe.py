from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "configured-in-env"
CURRENCIES = ("EUR", "USD", "GBP")


@app.before_request
def pick_currency():
    wanted = request.headers.get("X-Currency", "EUR").upper()
    session.setdefault("currency", wanted if wanted in CURRENCIES else "EUR")


@app.route("/prices")
def prices():
    return {"currency": session["currency"]}
