import sys

import ldap
from ldap.filter import escape_filter_chars


def main():
    account = sys.argv[1]
    conn = ldap.initialize("ldap://dc01.corp.local")
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s("svc-lookup@corp.local", "lookup-pass")
    result = conn.search_s(
        "DC=corp,DC=local", ldap.SCOPE_SUBTREE,
        "(sAMAccountName=" + account + ")", ["memberOf"],
    )
    for dn, attrs in result:
        if dn:
            print(dn)
            for group in attrs.get("memberOf", []):
                print("  ", group.decode())


if __name__ == "__main__":
    main()
