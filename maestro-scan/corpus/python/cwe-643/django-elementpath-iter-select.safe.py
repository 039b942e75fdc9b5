from xml.etree import ElementTree

import elementpath
from django.http import JsonResponse

SCHEDULE = ElementTree.parse("schedule.xml").getroot()


def talks_in_room(request):
    room = request.GET.get("room", "A")
    talks = elementpath.iter_select(SCHEDULE, "//talk[@room=$room]/title", variables={"room": room})
    return JsonResponse({"room": room, "talks": [t.text for t in talks]})
