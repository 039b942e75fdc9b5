import paramiko
from flask import Flask, request, jsonify

app = Flask(__name__)
RESTARTABLE = {"nginx", "gunicorn", "celery"}


@app.post("/ops/restart")
def restart_service():
    service = request.json["service"]
    if service not in RESTARTABLE:
        return jsonify({"error": "unknown service"}), 400
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect("app01.internal", username="deploy")
    _, stdout, stderr = client.exec_command("sudo systemctl restart " + service)
    code = stdout.channel.recv_exit_status()
    client.close()
    return jsonify({"service": service, "exit": code})
