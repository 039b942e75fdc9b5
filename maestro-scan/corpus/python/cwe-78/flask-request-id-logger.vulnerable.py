import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.after_request
def syslog_request(response):
    request_id = request.headers.get("X-Request-Id", "-")
    message = f"{request.method} {request.path} {response.status_code} rid={request_id}"
    subprocess.run(f"logger -t webapp '{message}'", shell=True)
    return response


@app.route("/")
def index():
    return "ok"
