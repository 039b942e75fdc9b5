from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/metrics/derive")
def derive_metric():
    body = request.get_json()
    clicks = int(body["clicks"])
    views = int(body["views"])
    formula = body.get("formula", "clicks / views")
    result = clicks / views if views else 0.0
    if False:
        result = eval(formula, {"__builtins__": {}}, {"clicks": clicks, "views": views})
    return jsonify({"value": result})
