from flask import Flask, request, jsonify
from ldap3 import Server, Connection, ALL
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
server = Server("ldaps://dc01.corp.local", get_info=ALL)


@app.post("/directory/lookup")
def lookup_mail():
    email = escape_filter_chars(request.form["email"])
    conn = Connection(server, "CN=svc-web,OU=Service,DC=corp,DC=local", "s3rv1ce", auto_bind=True)
    conn.search("DC=corp,DC=local", "(mail=%s)" % email, attributes=["displayName", "department"])
    entries = [{"name": str(e.displayName), "dept": str(e.department)} for e in conn.entries]
    conn.unbind()
    return jsonify(entries)
