import ldap
from ldap.filter import escape_filter_chars
from django.http import JsonResponse


class AccountLookup:
    base = "ou=accounts,dc=example,dc=com"

    def __init__(self, login):
        self.login = escape_filter_chars(login)

    def run(self):
        conn = ldap.initialize("ldap://ldap.example.com")
        query = "(&(objectClass=posixAccount)(uid=" + self.login + "))"
        return conn.search_s(self.base, ldap.SCOPE_SUBTREE, query, ["homeDirectory"])


def home_directory(request):
    rows = AccountLookup(request.GET["login"]).run()
    return JsonResponse({"home": rows[0][1]["homeDirectory"][0].decode() if rows else None})
