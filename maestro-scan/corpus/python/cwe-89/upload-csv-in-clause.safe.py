import csv
import io
import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/accounts/lookup")
def bulk_lookup():
    upload = request.files["file"]
    reader = csv.reader(io.StringIO(upload.read().decode("utf-8")))
    emails = [row[0] for row in reader if row]
    in_list = ", ".join("?" for _ in emails)
    conn = sqlite3.connect("accounts.db")
    rows = conn.execute(
        "SELECT email, status FROM accounts WHERE email IN (" + in_list + ")", emails
    ).fetchall()
    return jsonify(dict(rows))
