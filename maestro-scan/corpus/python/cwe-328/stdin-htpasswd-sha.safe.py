import base64
import hashlib
import sys

import bcrypt


def main():
    for line in sys.stdin:
        user, _, password = line.rstrip("\n").partition(":")
        if not user or not password:
            continue
        digest = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()
        print(f"{user}:{digest}")


if __name__ == "__main__":
    main()
