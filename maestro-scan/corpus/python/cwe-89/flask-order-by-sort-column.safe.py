import sqlite3
from flask import Flask, request, render_template

app = Flask(__name__)
SORTABLE = {"name": "name", "joined": "created_at", "karma": "karma"}


@app.route("/members")
def members():
    sort = request.args.get("sort", "name")
    column = SORTABLE.get(sort, "name")
    conn = sqlite3.connect("forum.db")
    rows = conn.execute(
        "SELECT name, karma FROM members ORDER BY %s LIMIT 50" % column
    ).fetchall()
    conn.close()
    return render_template("members.html", rows=rows)
