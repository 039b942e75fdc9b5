import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/pipelines")
def create_pipeline():
    spec = yaml.safe_load(request.files["pipeline"].stream)
    stages = [s["name"] for s in spec.get("stages", [])]
    return jsonify({"name": spec.get("name"), "stages": stages}), 201
