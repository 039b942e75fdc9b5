import os
from flask import Flask, request, send_file, send_from_directory

app = Flask(__name__)
MEDIA = "/srv/app/media"


@app.route("/media")
def media():
    name = request.args["name"]
    return send_file(os.path.join(MEDIA, name))
