from flask import Flask, redirect, abort

app = Flask(__name__)
LINKS = {
    "pricing": "https://www.example.com/pricing",
    "docs": "https://docs.example.com/",
    "status": "https://status.example.com/",
}


@app.route("/go/<path:target>")
def go(target):
    if target not in LINKS:
        abort(404)
    return redirect(LINKS[target], code=301)
