from django.http import HttpResponse
from django.utils.html import format_html


def greeting(request):
    name = request.GET.get("name", "friend")
    body = format_html("<h1>Hello, {}!</h1><p>Thanks for signing up.</p>", name)
    return HttpResponse(body)
