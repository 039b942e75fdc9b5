import ast
import sys


def read_settings(path):
    settings = {}
    with open(path) as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition("=")
            settings[key.strip()] = eval(value.strip())
    return settings


if __name__ == "__main__":
    for k, v in read_settings(sys.argv[1]).items():
        print(f"{k} = {v!r}")
