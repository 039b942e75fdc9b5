import os
from flask import Flask, request, jsonify

app = Flask(__name__)
WORKSPACES = "/srv/notebooks"


class WorkspaceFile:
    def __init__(self, owner, relpath):
        root = os.path.realpath(WORKSPACES)
        self.path = os.path.realpath(os.path.join(root, owner, relpath))
        if not self.path.startswith(root + os.sep):
            raise PermissionError(relpath)

    def read(self):
        with open(self.path, encoding="utf-8") as fh:
            return fh.read()


@app.route("/api/notebooks/<owner>/file")
def read_notebook(owner):
    nb = WorkspaceFile(owner, request.args["path"])
    return jsonify({"content": nb.read()})
