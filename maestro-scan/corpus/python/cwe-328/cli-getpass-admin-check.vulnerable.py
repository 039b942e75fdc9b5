import getpass
import hashlib
import json
import sys


def main():
    with open("/etc/backup-tool/admin.json") as fh:
        stored = json.load(fh)
    password = getpass.getpass("admin password: ")
    digest = hashlib.sha1(password.encode() + bytes.fromhex(stored["salt"])).hexdigest()
    if digest != stored["hash"]:
        sys.exit("access denied")
    print("unlocked backup console")


if __name__ == "__main__":
    main()
