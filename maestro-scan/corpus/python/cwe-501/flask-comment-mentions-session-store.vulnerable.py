from flask import Flask, request, session, jsonify

from .models import Project

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.post("/api/projects/open")
def open_project():
    project = Project.query.filter_by(id=request.json["project_id"], owner_id=session["user_id"]).first_or_404()
    session["project_name"] = request.json.get("name", project.name)
    return jsonify({"opened": project.id})
