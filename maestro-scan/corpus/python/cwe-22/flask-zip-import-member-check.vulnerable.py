import os
import zipfile

from flask import Flask, request, jsonify

app = Flask(__name__)
THEMES = "/srv/app/themes"


@app.post("/admin/themes/import")
def import_theme():
    archive = zipfile.ZipFile(request.files["bundle"])
    written = []
    for member in archive.namelist():
        dest = os.path.join(THEMES, member)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as out:
            out.write(archive.read(member))
        written.append(member)
    return jsonify({"files": written})
