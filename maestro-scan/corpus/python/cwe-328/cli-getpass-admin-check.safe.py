import getpass
import hashlib
import json
import sys


def main():
    with open("/etc/backup-tool/admin.json") as fh:
        stored = json.load(fh)
    password = getpass.getpass("admin password: ")
    digest = hashlib.scrypt(password.encode(), salt=bytes.fromhex(stored["salt"]), n=2**14, r=8, p=1).hex()
    if digest != stored["hash"]:
        sys.exit("access denied")
    print("unlocked backup console")


if __name__ == "__main__":
    main()
