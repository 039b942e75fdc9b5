import os
import sys

LOG_DIR = "/var/log/myapp"


def main():
    if len(sys.argv) != 2:
        print("usage: showlog NAME", file=sys.stderr)
        return 2
    name = os.path.basename(sys.argv[1])
    with open(os.path.join(LOG_DIR, name), encoding="utf-8", errors="replace") as fh:
        for line in fh.readlines()[-50:]:
            print(line, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
