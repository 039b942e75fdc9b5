import random
import uuid

from flask import Flask, request, make_response, render_template

app = Flask(__name__)


@app.route("/")
def landing():
    variant = request.cookies.get("ab_variant") or random.choice(["control", "new_hero"])
    resp = make_response(render_template("landing.html", variant=variant))
    resp.set_cookie("ab_variant", variant, max_age=30 * 86400)
    if "sid" not in request.cookies:
        resp.set_cookie("sid", "%030x" % random.randrange(16**30), httponly=True, secure=True)
    return resp
