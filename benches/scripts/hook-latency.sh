#!/usr/bin/env bash
# Whole-process latency of `maestro hook pre-tool-use` on a 10 KB Write payload (clean Python
# source, so the hook scans everything and allows it), in a fresh maestro workspace.
# Usage: benches/scripts/hook-latency.sh [path/to/maestro]   (default: target/release/maestro)
set -euo pipefail
cd "$(dirname "$0")/../.."
maestro="${1:-$PWD/target/release/maestro}"
[ -x "$maestro" ] || { echo "build it first: cargo build --release -p maestro-cli" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q -b main
(cd "$work" && "$maestro" init -q)
# 10 KB of Python: a generated module of small functions.
python_source=$(for i in $(seq 1 160); do printf 'def handler_%d(request):\n    return {"status": 200, "id": %d}\n\n' "$i" "$i"; done | head -c 10240)
python3 - "$work" "$python_source" > "$work/payload.json" <<'PY'
import json, sys
work, source = sys.argv[1], sys.argv[2]
print(json.dumps({"session_id": "bench", "hook_event_name": "PreToolUse", "cwd": work,
                  "tool_name": "Write",
                  "tool_input": {"file_path": work + "/handlers.py", "content": source}}))
PY
echo "payload: $(wc -c < "$work/payload.json") bytes"
cd "$work"
# hyperfine 1.15 has no --input: both commands go through `sh -c` with the same redirection, and
# the second (a process that does nothing) is the baseline to subtract.
hyperfine --warmup 20 --runs 300 -N \
    "sh -c 'exec $maestro hook pre-tool-use < payload.json'" \
    "sh -c 'exec true < payload.json'" \
    --export-json "$work/result.json"
python3 - "$work/result.json" <<'PY'
import json, sys
hook, base = json.load(open(sys.argv[1]))["results"]
print("maestro hook pre-tool-use, 10 KB Write: median %.2f ms (baseline sh + true: %.2f ms; difference %.2f ms)"
      % (hook["median"] * 1000, base["median"] * 1000, (hook["median"] - base["median"]) * 1000))
PY
