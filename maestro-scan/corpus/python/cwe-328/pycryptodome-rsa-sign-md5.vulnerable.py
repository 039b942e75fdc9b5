import sys

from Crypto.Hash import MD5, SHA256
from Crypto.PublicKey import RSA
from Crypto.Signature import pkcs1_15


def sign_release(artifact_path, key_path):
    with open(key_path, "rb") as fh:
        key = RSA.import_key(fh.read())
    with open(artifact_path, "rb") as fh:
        digest = MD5.new(fh.read())
    signature = pkcs1_15.new(key).sign(digest)
    with open(artifact_path + ".sig", "wb") as out:
        out.write(signature)


if __name__ == "__main__":
    sign_release(sys.argv[1], sys.argv[2])
