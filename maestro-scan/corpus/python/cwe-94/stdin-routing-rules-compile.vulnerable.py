import json
import sys


def load_rules():
    source = sys.stdin.read()
    namespace = {}
    code = compile(source, "<rules>", "exec")
    exec(code, namespace)
    return namespace.get("RULES", [])


if __name__ == "__main__":
    for rule in load_rules():
        print(rule["match"], "->", rule["queue"])
