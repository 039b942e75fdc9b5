import os
from flask import Flask, request, jsonify
from werkzeug.utils import secure_filename

app = Flask(__name__)
PROJECTS = "/srv/studio/projects"


@app.route("/api/assets")
def assets():
    project = request.cookies.get("project", "default")
    folder = os.path.join(PROJECTS, project, "assets")
    return jsonify(sorted(os.listdir(folder)))
