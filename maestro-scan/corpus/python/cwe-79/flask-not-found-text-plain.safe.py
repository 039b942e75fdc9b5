from flask import Flask, Response

app = Flask(__name__)


@app.route("/wiki/<path:page>")
def wiki_page(page):
    # page store lookup omitted; every page is missing for now
    return Response(f"{page}: this page does not exist yet.", status=404, mimetype="text/plain")
