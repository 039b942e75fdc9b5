import subprocess
from flask import Flask, request, jsonify

app = Flask(__name__)


def groups_command(username):
    return ["id", "-nG", username]


@app.route("/admin/groups")
def user_groups():
    username = request.args["user"]
    result = subprocess.run(groups_command(username), capture_output=True, text=True)
    return jsonify({"user": username, "groups": result.stdout.split()})
