import hashlib
import json
import sys
from pathlib import Path


class ReleaseManifest:
    algorithm = "md5"

    def __init__(self, root):
        self.root = Path(root)

    def digest(self, path):
        return hashlib.new(self.algorithm, path.read_bytes()).hexdigest()

    def build(self):
        return {str(p.relative_to(self.root)): self.digest(p) for p in self.root.rglob("*") if p.is_file()}


if __name__ == "__main__":
    print(json.dumps({"integrity": ReleaseManifest(sys.argv[1]).build()}, indent=2))
