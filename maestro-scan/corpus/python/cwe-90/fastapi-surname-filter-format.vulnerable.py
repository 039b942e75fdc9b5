import ldap
from ldap.filter import filter_format
from fastapi import FastAPI

app = FastAPI()


@app.get("/people")
def people(surname: str):
    conn = ldap.initialize("ldap://ldap.internal:389")
    conn.simple_bind_s()
    query = "(&(objectClass=person)(sn=%s))" % surname
    rows = conn.search_s("dc=internal", ldap.SCOPE_SUBTREE, query, ["cn", "telephoneNumber"])
    return [{"dn": dn, "phone": [p.decode() for p in a.get("telephoneNumber", [])]} for dn, a in rows]
