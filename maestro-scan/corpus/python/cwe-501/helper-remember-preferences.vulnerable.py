from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "configured-in-env"
PREFERENCE_KEYS = {"theme", "density", "timezone"}


def remember_preferences(store, prefs):
    store["prefs"] = prefs


@app.post("/api/preferences")
def save_preferences():
    remember_preferences(session, request.get_json())
    return jsonify({"saved": True})
