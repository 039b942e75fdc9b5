import statistics
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/stats")
def stats():
    scores = list(map(eval, request.args.getlist("score")))
    if not scores:
        return jsonify({"error": "no scores"}), 400
    return jsonify({
        "mean": statistics.mean(scores),
        "median": statistics.median(scores),
    })
