from django.http import HttpResponse
from django.utils.html import format_html


def greeting(request):
    name = request.GET.get("name", "friend")
    body = "<h1>Hello, " + name + "!</h1><p>Thanks for signing up.</p>"
    return HttpResponse(body)
