import importlib

from django.http import HttpResponse, Http404

REPORTS = {"sales", "inventory", "refunds"}


def run_report(request, name):
    scope = {}
    exec(f"from reports import {name} as report", scope)
    report = scope["report"]
    return HttpResponse(report.render(request.GET), content_type="text/csv")
