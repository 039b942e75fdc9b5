import shelve

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/preferences")
def preferences():
    profile = request.args.get("profile", "default")
    with shelve.open(f"/srv/app/prefs/{profile}", flag="r") as db:
        prefs = dict(db)
    return jsonify(prefs)
