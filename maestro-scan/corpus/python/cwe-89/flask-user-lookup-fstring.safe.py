import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)
DB_PATH = "app.db"


@app.route("/api/users")
def find_user():
    username = request.args.get("username", "")
    conn = sqlite3.connect(DB_PATH)
    cur = conn.cursor()
    cur.execute("SELECT id, email FROM users WHERE username = ?", (username,))
    row = cur.fetchone()
    conn.close()
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify({"id": row[0], "email": row[1]})
