from flask import Flask, request, jsonify
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
SEARCHABLE = {"name": "cn", "email": "mail", "phone": "telephoneNumber"}


@app.post("/api/directory/search")
def directory_search():
    body = request.get_json()
    attribute = SEARCHABLE.get(body.get("field"), "cn")
    value = escape_filter_chars(body.get("value", ""))
    conn = Connection(Server("ldap://ldap.local"), auto_bind=True)
    conn.search("dc=local", f"({attribute}={value})", attributes=["cn", "mail"])
    return jsonify([e.entry_to_json() for e in conn.entries])
