import json
import os

import ldap
from ldap.filter import escape_filter_chars


def export_department():
    department = os.environ.get("SYNC_DEPARTMENT", "Engineering")
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    flt = "(&(objectClass=inetOrgPerson)(departmentNumber={}))".format(department)
    entries = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_ONELEVEL, flt, ["uid", "mail"])
    with open("department.json", "w") as fh:
        json.dump([a["uid"][0].decode() for _, a in entries], fh)


if __name__ == "__main__":
    export_department()
