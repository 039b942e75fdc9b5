from django.http import JsonResponse

from blog.models import Article


def article_search(request):
    term = request.GET.get("title", "")
    qs = Article.objects.filter(published=True).extra(
        where=["title ILIKE %s"], params=["%" + term + "%"]
    )
    return JsonResponse({"articles": list(qs.values("id", "title", "slug")[:20])})
