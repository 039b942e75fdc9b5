from fastapi import FastAPI
from ldap3 import Connection, Server, SUBTREE
from ldap3.utils.conv import escape_filter_chars

app = FastAPI()


@app.get("/devices")
def devices(owner: str = ""):
    conn = Connection(Server("ldap://ldap.corp"), "cn=reader,dc=corp", "reader", auto_bind=True)
    entries = conn.extend.standard.paged_search(
        search_base="ou=devices,dc=corp",
        search_filter=f"(&(objectClass=device)(owner=*{escape_filter_chars(owner)}*))",
        search_scope=SUBTREE,
        attributes=["cn", "serialNumber"],
        paged_size=200,
    )
    return [e["attributes"]["cn"] for e in entries if e.get("type") == "searchResEntry"]
