import os
from flask import Flask, request, send_file

app = Flask(__name__)
FORMATS = {"pdf": "pdf", "docx": "docx", "epub": "epub"}


@app.route("/docs/export")
def export_doc():
    opts = {"fmt": request.args.get("format", "pdf"), "src": "docs/handbook.md"}
    target = "build/handbook.{fmt}".format(**opts)
    os.system("pandoc {src} -o {target}".format(target=target, **opts))
    return send_file(target)
