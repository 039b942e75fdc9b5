from django.conf import settings
from django.http import JsonResponse
from lxml import etree

CATALOG = etree.parse(str(settings.BASE_DIR / "data" / "catalog.xml"))


def titles_by_author(request):
    author = request.GET.get("author", "")
    titles = CATALOG.xpath("//book[author=$author]/title/text()", author=author)
    return JsonResponse({"author": author, "titles": [str(t) for t in titles]})
