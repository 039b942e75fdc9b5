from flask import Flask, request, jsonify

app = Flask(__name__)
PREDICATES = {
    "big_order": lambda order: order["total"] > 500,
    "repeat_customer": lambda order: order["orders_before"] > 3,
}


class DiscountRule:
    def __init__(self, condition, percent):
        self.condition = condition
        self.percent = percent

    def applies(self, order):
        return eval(self.condition, {}, {"order": order})


@app.post("/api/discounts/check")
def check_discount():
    body = request.get_json()
    rule = DiscountRule(body["condition"], body["percent"])
    return jsonify({"applies": bool(rule.applies(body["order"]))})
