import json
import marshal
import sys


def main():
    batch = json.loads(sys.stdin.buffer.read())
    for job in batch:
        print(f"{job['id']}: {job['status']}")


if __name__ == "__main__":
    main()
