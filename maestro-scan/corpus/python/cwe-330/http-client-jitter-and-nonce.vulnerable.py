import hashlib
import hmac
import random
import secrets
import time

import requests


def signed_post(url, body, secret):
    for attempt in range(5):
        nonce = "%x" % random.getrandbits(64)
        ts = str(int(time.time()))
        sig = hmac.new(secret, f"{ts}.{nonce}.{body}".encode(), hashlib.sha256).hexdigest()
        resp = requests.post(url, data=body, headers={"X-Nonce": nonce, "X-Timestamp": ts, "X-Signature": sig})
        if resp.status_code < 500:
            return resp
        time.sleep((2 ** attempt) + random.uniform(0, 1))
    resp.raise_for_status()
