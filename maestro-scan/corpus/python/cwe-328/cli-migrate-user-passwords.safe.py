import csv
import hashlib
import os
import sys


def convert(in_path, out_path):
    with open(in_path, newline="") as src, open(out_path, "w", newline="") as dst:
        writer = csv.writer(dst)
        for email, password in csv.reader(src):
            salt = os.urandom(16)
            digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000).hex()
            writer.writerow([email, salt.hex(), digest])


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
