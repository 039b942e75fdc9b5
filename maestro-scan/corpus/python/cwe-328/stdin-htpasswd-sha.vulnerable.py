import base64
import hashlib
import sys

import bcrypt


def main():
    for line in sys.stdin:
        user, _, password = line.rstrip("\n").partition(":")
        if not user or not password:
            continue
        digest = base64.b64encode(hashlib.sha1(password.encode()).digest()).decode()
        print(f"{user}:{{SHA}}{digest}")


if __name__ == "__main__":
    main()
