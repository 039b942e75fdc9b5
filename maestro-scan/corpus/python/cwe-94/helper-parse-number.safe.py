from flask import Flask, request, jsonify

app = Flask(__name__)


def parse_number(text):
    return float(text)


@app.post("/api/loan/quote")
def quote():
    data = request.get_json()
    principal = parse_number(data["principal"])
    rate = parse_number(data["rate"]) / 100 / 12
    months = int(data.get("months", 360))
    payment = principal * rate / (1 - (1 + rate) ** -months)
    return jsonify({"monthly": round(payment, 2)})
