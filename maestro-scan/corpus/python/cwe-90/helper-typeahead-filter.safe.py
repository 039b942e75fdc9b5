import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, request, jsonify

app = Flask(__name__)


def typeahead_filter(term):
    term = escape_filter_chars(term)
    return f"(|(cn=*{term}*)(mail=*{term}*)(uid={term}*))"


@app.route("/api/people/typeahead")
def typeahead():
    term = request.args.get("q", "")
    conn = ldap.initialize("ldap://ldap.example.com")
    rows = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, typeahead_filter(term), ["cn"], sizelimit=10)
    return jsonify([a["cn"][0].decode() for _, a in rows])
