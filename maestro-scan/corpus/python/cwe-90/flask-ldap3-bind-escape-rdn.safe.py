from flask import Flask, request, session, redirect
from ldap3 import Connection, Server
from ldap3.core.exceptions import LDAPBindError
from ldap3.utils.dn import escape_rdn

app = Flask(__name__)
app.secret_key = "replace-me"
server = Server("ldaps://ldap.corp.local")


@app.post("/login")
def login():
    username = request.form["username"]
    user_dn = f"cn={escape_rdn(username)},ou=users,dc=corp,dc=local"
    try:
        Connection(server, user=user_dn, password=request.form["password"], auto_bind=True).unbind()
    except LDAPBindError:
        return redirect("/login?error=1")
    session["user"] = user_dn
    return redirect("/")
