from flask import Flask, request, redirect

app = Flask(__name__)


@app.route("/onboarding/finish")
def finish_onboarding():
    destination = request.args.get("continue", "/")
    if not destination.startswith("/") or destination.startswith("//"):
        destination = "/"
    return redirect(destination + "?welcome=1")
