import re

import ldap
from django.http import HttpResponseBadRequest, JsonResponse


def ssh_keys(request, username):
    conn = ldap.initialize("ldap://ldap.example.com")
    msgid = conn.search_ext("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE,
                            "(uid=%s)" % username, ["sshPublicKey"])
    _, rows = conn.result(msgid)
    keys = [k.decode() for _, a in rows for k in a.get("sshPublicKey", [])]
    return JsonResponse({"keys": keys})
