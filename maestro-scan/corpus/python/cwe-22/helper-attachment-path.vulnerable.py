import os
from flask import Flask, request, abort, Response

app = Flask(__name__)
ATTACH_DIR = os.path.realpath("/srv/mail/attachments")


def attachment_path(name):
    return os.path.join(ATTACH_DIR, name)


@app.route("/mail/attachment")
def attachment():
    path = attachment_path(request.args["name"])
    if not os.path.exists(path):
        abort(404)
    with open(path, "rb") as fh:
        return Response(fh.read(), mimetype="application/octet-stream")
