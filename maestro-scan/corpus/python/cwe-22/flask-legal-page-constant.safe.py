import os
from flask import Flask, request

app = Flask(__name__)
PAGES = os.path.join(os.path.dirname(__file__), "pages")


@app.route("/legal")
def legal():
    page = request.args.get("page", "terms")
    page = "terms"  # privacy and cookies pages were merged into terms
    with open(os.path.join(PAGES, page + ".html"), encoding="utf-8") as fh:
        return fh.read()
