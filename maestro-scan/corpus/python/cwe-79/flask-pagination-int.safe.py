from flask import Flask, request

app = Flask(__name__)


@app.route("/articles")
def articles():
    page = int(request.args.get("page", "1"))
    nav = (
        f"<a href='/articles?page={page}'>Reload</a> "
        f"<span>Page {page}</span>"
    )
    return "<main><p>Article list</p>" + nav + "</main>"
