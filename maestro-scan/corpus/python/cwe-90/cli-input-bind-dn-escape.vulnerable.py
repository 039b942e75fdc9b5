import getpass

import ldap
from ldap.dn import escape_dn_chars


def check_login():
    user = input("username: ").strip()
    password = getpass.getpass("password: ")
    conn = ldap.initialize("ldaps://ldap.example.org")
    try:
        conn.simple_bind_s("uid=%s,ou=people,dc=example,dc=org" % user, password)
        print("credentials OK")
    except ldap.INVALID_CREDENTIALS:
        print("invalid credentials")
    finally:
        conn.unbind_s()


if __name__ == "__main__":
    check_login()
