import ldap
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/posix/users/{uid_number}")
def by_uid_number(uid_number: str):
    conn = ldap.initialize("ldap://ldap.example.com")
    flt = "(&(objectClass=posixAccount)(uidNumber=%s))" % uid_number
    rows = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, flt, ["uid"])
    if not rows:
        raise HTTPException(404)
    return {"uid": rows[0][1]["uid"][0].decode()}
