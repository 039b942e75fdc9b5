import importlib

from django.http import HttpResponse, Http404

REPORTS = {"sales", "inventory", "refunds"}


def run_report(request, name):
    if name not in REPORTS:
        raise Http404("no such report")
    report = importlib.import_module(f"reports.{name}")
    return HttpResponse(report.render(request.GET), content_type="text/csv")
