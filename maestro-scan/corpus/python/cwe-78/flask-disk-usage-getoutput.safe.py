import shlex
import subprocess
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/storage/usage")
def usage():
    folder = request.args.get("path", "/srv/data")
    summary = subprocess.getoutput(f"du -sh {shlex.quote(folder)}")
    size, _, name = summary.partition("\t")
    return jsonify({"path": name, "size": size})
