import json
import sys


def load_rules():
    source = sys.stdin.read()
    namespace = json.loads(source)
    return namespace.get("RULES", [])


if __name__ == "__main__":
    for rule in load_rules():
        print(rule["match"], "->", rule["queue"])
