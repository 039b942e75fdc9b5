import psycopg2
from psycopg2 import sql
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/projects")
def projects():
    schema = request.headers.get("X-Workspace", "public")
    conn = psycopg2.connect(dbname="saas")
    with conn.cursor() as cur:
        cur.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        cur.execute("SELECT id, name FROM projects ORDER BY name")
        rows = cur.fetchall()
    conn.close()
    return jsonify(rows)
