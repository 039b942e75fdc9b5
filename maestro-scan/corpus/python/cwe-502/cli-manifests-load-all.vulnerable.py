import sys

import yaml


def summarize(path):
    with open(path, encoding="utf-8") as fh:
        for doc in yaml.load_all(fh, Loader=yaml.Loader):
            if not doc:
                continue
            meta = doc.get("metadata", {})
            print(f"{doc.get('kind')}/{meta.get('name')} in {meta.get('namespace', 'default')}")


if __name__ == "__main__":
    for manifest in sys.argv[1:]:
        summarize(manifest)
