import shlex
import subprocess
from flask import Flask, request

app = Flask(__name__)


class Transcoder:
    def __init__(self, source, codec):
        self.source = source
        self.codec = codec

    def run(self):
        parts = ["ffmpeg", "-y", "-i", self.source, "-c:v", self.codec, "/srv/media/out.mp4"]
        return subprocess.run(" ".join(parts), shell=True).returncode


@app.post("/api/transcode")
def transcode():
    body = request.get_json()
    job = Transcoder("/srv/media/" + body["file"], body.get("codec", "libx264"))
    return {"status": job.run()}
