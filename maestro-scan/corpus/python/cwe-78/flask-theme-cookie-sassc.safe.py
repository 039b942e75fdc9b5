import os
from flask import Flask, request, send_file

app = Flask(__name__)
THEMES = ("light", "dark", "solarized")


@app.route("/theme.css")
def theme_css():
    theme = request.cookies.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    out = f"/tmp/theme-{os.getpid()}.css"
    os.system("sassc static/themes/%s.scss %s" % (theme, out))
    return send_file(out, mimetype="text/css")
