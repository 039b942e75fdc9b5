from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "configured-in-env"
PREFERENCE_KEYS = {"theme", "density", "timezone"}


def remember_preferences(store, prefs):
    store["prefs"] = {k: str(v)[:64] for k, v in prefs.items() if k in PREFERENCE_KEYS}


@app.post("/api/preferences")
def save_preferences():
    remember_preferences(session, request.get_json())
    return jsonify({"saved": True})
