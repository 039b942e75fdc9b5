import base64
import random
import secrets
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def main():
    key = secrets.token_bytes(32)
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(key).encrypt(nonce, sys.stdin.buffer.read(), None)
    print("key:", base64.b64encode(key).decode(), file=sys.stderr)
    sys.stdout.buffer.write(nonce + ciphertext)


if __name__ == "__main__":
    main()
