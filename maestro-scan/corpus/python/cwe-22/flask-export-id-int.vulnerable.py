from flask import Flask, request, Response

app = Flask(__name__)


@app.route("/exports/csv")
def export_csv():
    report = request.args.get("report", "1")
    with open(f"/srv/app/exports/report-{report}.csv", encoding="utf-8") as fh:
        data = fh.read()
    return Response(data, mimetype="text/csv")
