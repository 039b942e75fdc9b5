from flask import Flask, request

app = Flask(__name__)


@app.route("/status")
def status():
    notice = request.args.get("notice", "All systems operational")
    return f"<div class='banner'>{notice}</div><iframe src='/status/graphs'></iframe>"
