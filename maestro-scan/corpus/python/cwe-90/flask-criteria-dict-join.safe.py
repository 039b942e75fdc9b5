from flask import Flask, request, jsonify
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)


@app.route("/api/staff")
def staff():
    criteria = {
        "departmentNumber": request.args.get("dept", "42"),
        "title": request.args.get("title", "Engineer"),
    }
    clauses = "".join(f"({attr}={escape_filter_chars(val)})" for attr, val in criteria.items())
    conn = Connection(Server("ldap://ldap.local"), auto_bind=True)
    conn.search("ou=staff,dc=local", f"(&{clauses})", attributes=["cn"])
    return jsonify([str(e.cn) for e in conn.entries])
