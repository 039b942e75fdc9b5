#!/usr/bin/env bash
# Wall time of a secret scan of one tree by maestro and by the peers of issue 16, in turn, in a
# network namespace with only loopback (no peer may call home or validate a finding):
#   maestro      the `scan_tree` example, secret rules only (all cores)
#   Kingfisher   `kingfisher scan DIR --no-validate` (all cores)
#   Betterleaks  `betterleaks DIR` (directory mode)
#   gitleaks     `gitleaks dir DIR`
# Usage: benches/scripts/secret-scan-peers.sh [ROUNDS] [PATH...]
#   default: 1 round; the Python 3.11 standard library and ~/.cargo/registry/src.
# The peers come from scripts/install-secret-peers (PyPI, pinned); each round runs every scanner
# once, in the same order, and prints one line per scanner: seconds and findings reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-1}"
shift || true
if [ "$#" -eq 0 ]; then
    set -- "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')" "$HOME/.cargo/registry/src"
fi
declare -A peer
while read -r name path; do peer[$name]="$path"; done < <(scripts/install-secret-peers)
cargo build --quiet --release -p maestro-scan --example scan_tree
maestro="$PWD/target/release/examples/scan_tree"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
offline() { unshare -rn sh -c 'ip link set lo up && exec "$@"' sh "$@"; }
# Each peer takes one directory: it runs once per path; its time and its findings are the sums
# over the paths.
count() { # FORMAT FILE: number of findings in a report
    python3 - "$1" "$2" <<'PY' 2>/dev/null || echo '?'
import json, sys
kind, path = sys.argv[1], sys.argv[2]
text = open(path).read().strip()
if kind == "kingfisher":
    print(len(json.loads(text).get("findings", [])) if text else 0)
else:
    d = json.loads(text or "[]")
    print(len(d.get("findings") or []) if isinstance(d, dict) else len(d))
PY
}
run_peer() { # NAME: every path in turn
    local name="$1" total=0 n p i=0
    local start end
    start=$(date +%s.%N)
    for p in "${paths[@]}"; do
        i=$((i + 1))
        case "$name" in
            kingfisher) offline "${peer[kingfisher]}" scan "$p" --format json --no-validate \
                            --no-update-check --confidence low -q > "$work/k$i.json" 2>/dev/null || true ;;
            betterleaks) offline "${peer[betterleaks]}" "$p" -o "$work/b$i.json" --no-banner \
                            --exit-code=0 -l error >/dev/null 2>&1 || true ;;
            gitleaks) offline "${peer[gitleaks]}" dir "$p" -f json -r "$work/g$i.json" --no-banner \
                            --exit-code 0 -l error >/dev/null 2>&1 || true ;;
        esac
    done
    end=$(date +%s.%N)
    for i in $(seq 1 "${#paths[@]}"); do
        n=$(count "$name" "$work/${name:0:1}$i.json")
        [ "$n" = '?' ] && total='?' && break
        total=$((total + n))
    done
    printf '%-12s %8.2f s   findings %s\n' "$name" "$(echo "$end - $start" | bc)" "$total"
}
paths=("$@")
for round in $(seq 1 "$rounds"); do
    echo "round $round"
    start=$(date +%s.%N)
    offline "$maestro" --secrets "$@" > "$work/maestro.out" 2>&1 || true
    end=$(date +%s.%N)
    printf '%-12s %8.2f s   %s\n' maestro "$(echo "$end - $start" | bc)" \
        "$(head -1 "$work/maestro.out" | grep -o 'findings [0-9]*')"
    run_peer kingfisher
    run_peer betterleaks
    run_peer gitleaks
done
