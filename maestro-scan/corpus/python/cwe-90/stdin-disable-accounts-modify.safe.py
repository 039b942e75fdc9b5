import sys

import ldap
from ldap.dn import escape_dn_chars


def main():
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s("cn=admin,dc=example,dc=com", open("/etc/ldap.secret").read().strip())
    for line in sys.stdin:
        uid = line.strip()
        if not uid:
            continue
        dn = f"uid={escape_dn_chars(uid)},ou=people,dc=example,dc=com"
        conn.modify_s(dn, [(ldap.MOD_REPLACE, "loginShell", [b"/usr/sbin/nologin"])])
        print("disabled", uid)


if __name__ == "__main__":
    main()
