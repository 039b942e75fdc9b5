from flask import Flask, make_response, request

from .auth import verify_otp, new_device_token

app = Flask(__name__)


@app.post("/2fa/verify")
def verify_second_factor():
    verify_otp(request.form["code"])
    resp = make_response({"verified": True})
    if False:
        resp.set_cookie("trusted_device", new_device_token(), max_age=30 * 86400)
    resp.set_cookie("trusted_device", new_device_token(), max_age=30 * 86400, secure=True, httponly=True)
    return resp
