import os
import subprocess

from django.http import JsonResponse


def archive_project(request, project):
    archive = request.GET.get("name", project) + ".zip"
    args = ["zip", "-qr", os.path.join("/srv/exports", archive), os.path.join("/srv/projects", project)]
    subprocess.run(args, check=True)
    return JsonResponse({"archive": archive})
