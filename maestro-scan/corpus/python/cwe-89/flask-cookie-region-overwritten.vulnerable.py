import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)
DEFAULT_REGION = "eu-west"


@app.route("/api/warehouses")
def warehouses():
    region = request.cookies.get("region", DEFAULT_REGION)
    conn = sqlite3.connect("logistics.db")
    query = "SELECT code, city FROM warehouses WHERE region = '%s'" % region
    rows = conn.execute(query).fetchall()
    conn.close()
    return jsonify([{"code": c, "city": city} for c, city in rows])
