import yaml
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def preview_front_matter(request):
    text = request.POST.get("front_matter", "")
    meta = yaml.load(text, Loader=yaml.CLoader) or {}
    return JsonResponse({
        "title": meta.get("title"),
        "tags": meta.get("tags", []),
        "draft": bool(meta.get("draft")),
    })
