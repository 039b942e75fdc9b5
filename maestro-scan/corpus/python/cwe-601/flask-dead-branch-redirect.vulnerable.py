from flask import Flask, request, redirect, render_template

app = Flask(__name__)


@app.route("/newsletter/confirm")
def confirm_newsletter():
    landing = request.args.get("landing")
    if landing:
        return redirect(landing)
    return render_template("newsletter/confirmed.html")
