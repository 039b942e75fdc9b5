#!/usr/bin/env bash
# Dispatcher overhead: 100 no-op orders, 5 crews at a time, in a repository of 1,000 files.
# Overhead per order = (wall time of `maestro run` - the crews' own time / 5) / 100.
# Usage: benches/scripts/dispatch-overhead.sh [path/to/maestro]   (default: target/release/maestro)
set -euo pipefail
cd "$(dirname "$0")/../.."
maestro="${1:-$PWD/target/release/maestro}"
[ -x "$maestro" ] || { echo "build it first: cargo build --release -p maestro-cli" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo/src"
for d in $(seq 0 9); do
  mkdir -p "$repo/src/d$d"
  for f in $(seq 0 99); do printf 'fn f%d() {}\n' "$f" > "$repo/src/d$d/f$f.rs"; done
done
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=b -c user.email=b@b commit -q -m files
cd "$repo"
"$maestro" init -q
# A self-issued offline Pro licence: five crews at once.
"$maestro" licence keygen "$work/keys" -q
token=$("$maestro" licence issue --signing-key "$work/keys/issuer.key" --tier pro --licensee bench --days 1)
python3 - "$repo/.mso/workspace.json" "$(cat "$work/keys/issuer.pub")" <<'PY'
import json, sys
path, key = sys.argv[1], sys.argv[2].strip()
config = json.load(open(path))
config["licence"]["publicKeys"] = [key]
config["agent"] = {"kind": "command", "program": "true", "extraArgs": []}
json.dump(config, open(path, "w"), indent=2)
PY
"$maestro" licence activate "$token" -q > /dev/null
"$maestro" voyage new v1 -q
for i in $(seq 1 100); do printf '[[orders]]\nid = "o%d"\ntitle = "no-op %d"\nrole = "builder"\n\n' "$i" "$i"; done > "$work/orders.toml"
"$maestro" voyage import v1 "$work/orders.toml" -q
start=$(date +%s.%N)
"$maestro" run v1 --max-crews 5 -q
end=$(date +%s.%N)
python3 - "$repo" "$start" "$end" <<'PY'
import glob, json, sys
repo, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
crew = sum(a["crew_secs"] for f in glob.glob(repo + "/.mso/voyages/v1/reports/*.json")
           for a in json.load(open(f))["attempts"])
wall = end - start
print("100 no-op orders, 5 at a time, 1,000-file repository: wall %.2f s, crews' own time %.2f s (%.3f s per crew)" % (wall, crew, crew / 100))
print("dispatcher overhead per order: %.1f ms" % ((wall - crew / 5) / 100 * 1000))
PY
