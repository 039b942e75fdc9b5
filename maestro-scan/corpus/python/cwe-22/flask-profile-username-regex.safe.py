import json
import re
from flask import Flask, abort

app = Flask(__name__)


@app.route("/users/<username>/profile")
def profile(username):
    if not re.fullmatch(r"[A-Za-z0-9_]{3,32}", username):
        abort(404)
    path = "/var/data/profiles/%s/profile.json" % username
    try:
        with open(path) as fh:
            return json.load(fh)
    except FileNotFoundError:
        abort(404)
