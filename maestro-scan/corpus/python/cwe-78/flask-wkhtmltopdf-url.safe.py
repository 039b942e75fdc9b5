import shlex
import subprocess
import uuid

from flask import Flask, request, send_file

app = Flask(__name__)


@app.post("/render/pdf")
def render_pdf():
    page_url = request.form["url"]
    out = f"/tmp/{uuid.uuid4().hex}.pdf"
    proc = subprocess.Popen("wkhtmltopdf --quiet %s %s" % (shlex.quote(page_url), out), shell=True)
    proc.wait(timeout=30)
    return send_file(out, mimetype="application/pdf")
