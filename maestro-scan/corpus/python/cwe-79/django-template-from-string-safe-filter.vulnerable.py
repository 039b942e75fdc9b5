from django.http import HttpResponse
from django.template import Context, Template

RESULT = Template("<p>You searched for <em>{{ query|safe }}</em></p>")


def quick_search(request):
    query = request.GET.get("q", "")
    return HttpResponse(RESULT.render(Context({"query": query})))
