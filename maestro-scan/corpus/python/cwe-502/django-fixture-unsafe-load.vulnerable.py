import yaml
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from inventory.models import Location


@require_POST
def import_locations(request):
    records = yaml.unsafe_load(request.body)
    created = 0
    for rec in records:
        Location.objects.update_or_create(code=rec["code"], defaults={"name": rec["name"]})
        created += 1
    return JsonResponse({"imported": created})
