import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, request, abort

app = Flask(__name__)


@app.route("/admin")
def admin_home():
    remote_user = request.headers.get("X-Remote-User")
    if not remote_user:
        abort(401)
    conn = ldap.initialize("ldap://ldap.example.com")
    flt = "(&(uid=%s)(memberOf=cn=admins,ou=groups,dc=example,dc=com))" % remote_user
    if not conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, flt, ["uid"]):
        abort(403)
    return "admin console"
