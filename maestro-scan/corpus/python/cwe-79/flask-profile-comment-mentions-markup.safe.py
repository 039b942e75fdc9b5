from flask import Flask, request, render_template
from markupsafe import Markup

app = Flask(__name__)


@app.route("/profile/preview")
def profile_preview():
    headline = request.args.get("headline", "")
    # Markup(headline) would skip autoescaping; plain strings are escaped by the template.
    return render_template("profile/preview.html", headline=headline)
