from django.http import JsonResponse
from lxml import etree


class SettingsStore:
    def __init__(self, path):
        self.doc = etree.parse(path)

    def get(self, key):
        values = self.doc.xpath(f"/settings/entry[@key='{key}']/@value")
        return values[0] if values else None


STORE = SettingsStore("/etc/portal/settings.xml")


def setting_value(request):
    key = request.GET.get("key", "")
    return JsonResponse({"key": key, "value": STORE.get(key)})
