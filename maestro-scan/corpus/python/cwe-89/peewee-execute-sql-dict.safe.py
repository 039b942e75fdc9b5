from flask import Flask, request, jsonify
from peewee import SqliteDatabase

app = Flask(__name__)
db = SqliteDatabase("events.db")


@app.post("/api/events/filter")
def filter_events():
    body = request.get_json() or {}
    filters = {"kind": body.get("kind", "deploy"), "limit": 100}
    sql = "SELECT id, payload FROM events WHERE kind = ? LIMIT ?"
    cursor = db.execute_sql(sql, (filters["kind"], filters["limit"]))
    return jsonify([{"id": i, "payload": p} for i, p in cursor.fetchall()])
