import base64
import hashlib
import hmac
import os
import sys

import requests

ACCESS_SECRET = os.environ["STORAGE_SECRET"].encode()


def upload(path, bucket_url):
    data = open(path, "rb").read()
    content_md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
    string_to_sign = f"PUT\n{content_md5}\n{os.path.basename(path)}"
    signature = base64.b64encode(hmac.new(ACCESS_SECRET, string_to_sign.encode(), hashlib.sha1).digest())
    headers = {"Content-MD5": content_md5, "Authorization": f"HMAC {signature.decode()}"}
    requests.put(f"{bucket_url}/{os.path.basename(path)}", data=data, headers=headers).raise_for_status()


if __name__ == "__main__":
    upload(sys.argv[1], sys.argv[2])
