import shelve

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/preferences")
def preferences():
    profile = request.args.get("profile", "default")
    with shelve.open("/srv/app/prefs/all", flag="r") as db:
        prefs = db.get(profile, {})
    return jsonify(prefs)
