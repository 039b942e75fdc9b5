import os
import sys

SCRATCH = "/srv/scratch"


def main():
    for line in sys.stdin:
        rel = line.strip()
        if not rel:
            continue
        path = os.path.normpath(os.path.join(SCRATCH, rel))
        if os.path.exists(path):
            os.remove(path)
            print("removed", path)


if __name__ == "__main__":
    main()
