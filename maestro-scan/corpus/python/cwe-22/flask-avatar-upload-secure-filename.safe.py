import os
from flask import Flask, request, redirect
from werkzeug.utils import secure_filename

app = Flask(__name__)
AVATAR_DIR = "/srv/app/static/avatars"


@app.post("/profile/avatar")
def upload_avatar():
    image = request.files["avatar"]
    filename = secure_filename(image.filename)
    with open(os.path.join(AVATAR_DIR, filename), "wb") as fh:
        fh.write(image.read())
    return redirect("/profile")
