from django.conf import settings
from django.http import JsonResponse
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars


def group_members(request):
    group = request.GET.get("group", "")
    conn = Connection(Server(settings.LDAP_URL), settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True)
    search_filter = "(&(objectClass=groupOfNames)(cn=" + group + "))"
    conn.search(settings.LDAP_GROUP_BASE, search_filter, attributes=["member"])
    members = [m for e in conn.entries for m in e.member.values]
    return JsonResponse({"group": group, "members": members})
