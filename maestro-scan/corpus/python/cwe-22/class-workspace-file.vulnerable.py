import os
from flask import Flask, request, jsonify

app = Flask(__name__)
WORKSPACES = "/srv/notebooks"


class WorkspaceFile:
    def __init__(self, owner, relpath):
        self.path = os.path.join(WORKSPACES, owner, relpath)

    def read(self):
        with open(self.path, encoding="utf-8") as fh:
            return fh.read()


@app.route("/api/notebooks/<owner>/file")
def read_notebook(owner):
    nb = WorkspaceFile(owner, request.args["path"])
    return jsonify({"content": nb.read()})
