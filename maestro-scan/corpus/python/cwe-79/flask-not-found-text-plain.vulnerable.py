from flask import Flask, Response

app = Flask(__name__)


@app.route("/wiki/<path:page>")
def wiki_page(page):
    # page store lookup omitted; every page is missing for now
    return Response(f"<h1>{page}</h1><p>This page does not exist yet.</p>", status=404, mimetype="text/html")
