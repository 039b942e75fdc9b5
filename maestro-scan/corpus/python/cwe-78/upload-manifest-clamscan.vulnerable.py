import json
import os
import shlex

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/scan-batch")
def scan_batch():
    manifest = json.load(request.files["manifest"])
    results = {}
    for entry in manifest["files"]:
        path = os.path.join("/srv/incoming", entry["name"])
        results[entry["name"]] = os.system(f"clamscan --no-summary {path}") == 0
    return jsonify(results)
