import ldap
from ldap.filter import filter_format
from flask import Flask, request, abort

app = Flask(__name__)


@app.post("/sso/check")
def sso_check():
    login = request.form["login"]
    conn = ldap.initialize("ldap://ldap.example.com")
    query = "(&(uid=" + login + ")(accountStatus=active))"
    if not conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, query, ["uid"]):
        abort(403)
    return "active"
