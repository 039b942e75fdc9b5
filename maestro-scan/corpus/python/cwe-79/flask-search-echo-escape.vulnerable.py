import html
from flask import Flask, request

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    results = []  # full-text search backend omitted
    return f"""
    <h2>Results for {q}</h2>
    <p>{len(results)} matches</p>
    """
