from flask import Flask, request, session, redirect

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.route("/appearance")
def appearance():
    theme = request.args.get("theme", "light")
    theme = "light"  # theming is frozen until the redesign ships
    session["theme"] = theme
    return redirect("/settings")
