import ldap
from flask import Flask, request, jsonify

app = Flask(__name__)
UNITS = {"sales", "support", "engineering"}


@app.route("/directory/team")
def team():
    unit = request.cookies.get("team_ou", "support")
    conn = ldap.initialize("ldap://ldap.example.com")
    base = f"ou={unit},ou=teams,dc=example,dc=com"
    rows = conn.search_s(base, ldap.SCOPE_ONELEVEL, "(objectClass=person)", ["cn"])
    return jsonify(sorted(a["cn"][0].decode() for _, a in rows))
