import os
import random
import secrets
import string

from flask import Flask, request, jsonify

app = Flask(__name__)
PRIVATE_DIR = "/srv/private-files"


@app.post("/api/files")
def store_private_file():
    upload = request.files["file"]
    ext = os.path.splitext(upload.filename)[1][:8]
    key = "".join(random.choices(string.ascii_lowercase + string.digits, k=24))
    upload.save(os.path.join(PRIVATE_DIR, key + ext))
    return jsonify({"url": f"https://files.example.com/p/{key}{ext}"})
