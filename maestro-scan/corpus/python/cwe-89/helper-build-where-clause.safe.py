import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)


def build_filter(city):
    clause = "WHERE city = ?"
    return clause, (city,)


@app.route("/stores")
def list_stores():
    city = request.args.get("city", "Paris")
    where, params = build_filter(city)
    conn = sqlite3.connect("stores.db")
    rows = conn.execute("SELECT id, address FROM stores " + where, params).fetchall()
    return jsonify(rows)
