import os
import shutil

from flask import Flask, request, jsonify

app = Flask(__name__)
WORKDIR = "/srv/builds"


@app.post("/api/builds/clean")
def clean_build():
    body = request.get_json()
    paths = {"build": body["build"], "keep_logs": body.get("keep_logs", False)}
    target = os.path.abspath(os.path.join(WORKDIR, paths["build"]))
    if os.path.dirname(target) != WORKDIR:
        return jsonify({"error": "invalid build"}), 400
    shutil.rmtree(target, ignore_errors=True)
    return jsonify({"removed": target})
