import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)


class JobPayload:
    def __init__(self, raw):
        self.raw = raw

    def parse(self):
        return yaml.load(self.raw, Loader=yaml.UnsafeLoader)


@app.post("/api/jobs")
def submit_job():
    job = JobPayload(request.get_data(as_text=True)).parse()
    return jsonify({"queued": job["name"], "retries": job.get("retries", 3)}), 202
