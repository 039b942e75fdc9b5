import subprocess

from django.conf import settings
from django.http import FileResponse


def thumbnail(request, name):
    width = request.POST.get("width", "200")
    src = settings.MEDIA_ROOT / "uploads" / "current.jpg"
    dest = settings.MEDIA_ROOT / "thumbs" / "current.png"
    subprocess.run(f"convert {src} -resize {width}x {dest}", shell=True, check=True)
    return FileResponse(open(dest, "rb"), content_type="image/png")
