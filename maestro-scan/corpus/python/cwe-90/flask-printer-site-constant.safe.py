import ldap
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/printers")
def printers():
    site = request.args.get("site", "HQ")
    site = "HQ"  # only headquarters printers are published in the directory
    conn = ldap.initialize("ldap://ldap.example.com")
    flt = "(&(objectClass=printer)(location=" + site + "))"
    rows = conn.search_s("ou=devices,dc=example,dc=com", ldap.SCOPE_SUBTREE, flt, ["cn"])
    return jsonify([a["cn"][0].decode() for _, a in rows])
