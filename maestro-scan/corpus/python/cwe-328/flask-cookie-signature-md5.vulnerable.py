import hashlib
import hmac

from flask import Flask, request, make_response

app = Flask(__name__)
COOKIE_SECRET = b"loaded-from-vault"


def sign(value: str) -> str:
    mac = hashlib.md5(COOKIE_SECRET + value.encode()).hexdigest()
    return f"{value}.{mac}"


@app.post("/prefs/region")
def set_region():
    resp = make_response("saved")
    resp.set_cookie("region", sign(request.form["region"]), secure=True, httponly=True)
    return resp
