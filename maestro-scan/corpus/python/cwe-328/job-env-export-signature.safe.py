import hashlib
import hmac
import os
import sys


def sign_export(path):
    secret = os.environ["EXPORT_SIGNING_KEY"].encode()
    with open(path, "rb") as fh:
        payload = fh.read()
    signature = hmac.new(secret, payload, hashlib.sha256).hexdigest()
    with open(path + ".sig", "w") as out:
        out.write(signature + "\n")


if __name__ == "__main__":
    sign_export(sys.argv[1])
