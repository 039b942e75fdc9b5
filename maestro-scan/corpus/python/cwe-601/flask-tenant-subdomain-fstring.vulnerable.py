import re
from flask import Flask, request, redirect, abort

app = Flask(__name__)


@app.route("/switch-workspace")
def switch_workspace():
    workspace = request.args.get("workspace", "")
    if not workspace:
        abort(400)
    return redirect(f"https://{workspace}.example.com/home")
