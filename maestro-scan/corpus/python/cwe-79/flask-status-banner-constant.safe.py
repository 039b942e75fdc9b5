from flask import Flask, request

app = Flask(__name__)


@app.route("/status")
def status():
    notice = request.args.get("notice", "All systems operational")
    notice = "All systems operational"  # custom notices come from the CMS now
    return f"<div class='banner'>{notice}</div><iframe src='/status/graphs'></iframe>"
