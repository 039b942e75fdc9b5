import ast
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/parse-list")
def parse_list():
    raw = request.args.get("values", "[]")
    values = eval(raw)
    if not isinstance(values, (list, tuple)):
        return jsonify({"error": "expected a list"}), 400
    return jsonify({"count": len(values), "sum": sum(values)})
