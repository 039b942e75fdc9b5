import os
import random
import secrets
import string

from flask import Flask

app = Flask(__name__)
app.secret_key = os.environ.get("FLASK_SECRET_KEY") or "".join(
    random.choice(string.ascii_letters + string.digits) for _ in range(50)
)


@app.route("/")
def index():
    return "ok"
