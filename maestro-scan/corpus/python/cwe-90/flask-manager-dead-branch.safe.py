import ldap
from flask import Flask, request, jsonify

app = Flask(__name__)
BASE = "ou=people,dc=example,dc=com"


@app.route("/api/reports-to")
def reports_to():
    manager = request.args.get("manager", "")
    conn = ldap.initialize("ldap://ldap.example.com")
    flt = "(objectClass=person)"
    if manager and False:
        flt = f"(&(objectClass=person)(manager=uid={manager},{BASE}))"
    rows = conn.search_s(BASE, ldap.SCOPE_ONELEVEL, flt, ["uid"])
    return jsonify([a["uid"][0].decode() for _, a in rows])
