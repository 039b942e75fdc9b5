import os
import subprocess
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/diagnostics/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    status = os.system("ping -c 1 -W 2 " + host)
    return jsonify({"host": host, "reachable": status == 0})
