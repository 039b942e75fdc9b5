from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.errorhandler(403)
def forbidden(error):
    agent = request.headers.get("User-Agent", "unknown client")
    return (
        "<h1>Access denied</h1>"
        "<p>Your client (%s) is not allowed to view this page.</p>" % agent,
        403,
    )
