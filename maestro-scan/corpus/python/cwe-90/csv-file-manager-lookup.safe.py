import csv
import sys

from ldap3 import Connection, Server, SUBTREE
from ldap3.utils.conv import escape_filter_chars


def managers_for(csv_path):
    conn = Connection(Server("ldap://ldap.corp"), auto_bind=True)
    with open(csv_path, newline="") as fh:
        for row in csv.DictReader(fh):
            conn.search("ou=staff,dc=corp", f"(mail={escape_filter_chars(row['email'])})", SUBTREE, attributes=["manager"])
            manager = conn.entries[0].manager.value if conn.entries else None
            print(row["email"], manager)


if __name__ == "__main__":
    managers_for(sys.argv[1])
