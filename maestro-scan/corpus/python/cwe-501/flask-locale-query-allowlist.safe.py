from flask import Flask, request, session, redirect

app = Flask(__name__)
app.secret_key = "configured-in-env"
SUPPORTED = {"en", "fr", "de", "ja"}


@app.route("/set-language")
def set_language():
    lang = request.args.get("lang", "en")
    session["locale"] = lang if lang in SUPPORTED else "en"
    return redirect(request.args.get("back", "/"))
