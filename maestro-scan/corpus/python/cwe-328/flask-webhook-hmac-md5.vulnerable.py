import hashlib
import hmac
import os

from flask import Flask, request, abort

app = Flask(__name__)
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


@app.post("/hooks/payments")
def payment_hook():
    expected = hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.md5).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Signature", "")):
        abort(403)
    event = request.get_json()
    return {"received": event["id"]}
