import json
import re
from flask import Flask, abort

app = Flask(__name__)


@app.route("/users/<username>/profile")
def profile(username):
    path = "/var/data/profiles/%s/profile.json" % username
    try:
        with open(path) as fh:
            return json.load(fh)
    except FileNotFoundError:
        abort(404)
