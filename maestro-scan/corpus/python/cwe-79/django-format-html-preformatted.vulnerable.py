from django.http import HttpResponse
from django.utils.html import format_html


def team_card(request, team_id):
    member = request.GET.get("member", "")
    role = request.GET.get("role", "member")
    card = format_html("<div class='card'><b>{}</b> ({})</div>".format(member, role))
    return HttpResponse(card)
