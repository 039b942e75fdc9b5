import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)


def build_filter(city):
    clause = "WHERE city = '" + city + "'"
    return clause


@app.route("/stores")
def list_stores():
    city = request.args.get("city", "Paris")
    where = build_filter(city)
    conn = sqlite3.connect("stores.db")
    rows = conn.execute("SELECT id, address FROM stores " + where).fetchall()
    return jsonify(rows)
