#!/usr/bin/env bash
# Whole-process latency of a maestro hook on a 10 KB Python file, in a fresh maestro workspace:
# `pre-tool-use` on the Write payload (the secret scan; clean source, so the hook scans
# everything and allows it), or with `--post`, `post-tool-use` after the file was written (the
# code rules: the file is a Flask module whose handlers read the request and reach SQL, shell,
# files and templates through safe forms, so every rule family parses and follows data and
# nothing is reported). Baselines: `maestro --version` and `sh -c true`, timed in the same run.
# Usage: benches/scripts/hook-latency.sh [--post | --served] [path/to/maestro]   (default: target/release/maestro)
# --served: the post-tool hook as crews run it, through the run's hook service
# (`maestro hook serve`) and its client `maestro-hook`, beside the hook in its own process, in
# three situations, each with a new text before every run (so no kept answer serves it): a file
# under a name the service never saw (parsed whole); the same file with its first line changed
# (parsed again only there); and the same after the client's pre-tool hook on the Write that
# leaves it, as Claude Code runs the two around a Write.
# KEEP=1 keeps the workspace and its payload.json (to run a profiler on the same call).
set -euo pipefail
cd "$(dirname "$0")/../.."
event=pre-tool-use
served=
if [ "${1:-}" = --post ]; then event=post-tool-use; shift; fi
if [ "${1:-}" = --served ]; then event=post-tool-use; served=1; shift; fi
maestro="${1:-$PWD/target/release/maestro}"
[ -x "$maestro" ] || { echo "build it first: cargo build --release -p maestro-cli" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT
git -C "$work" init -q -b main
(cd "$work" && "$maestro" init -q)
if [ "$event" = pre-tool-use ]; then
    # 10 KB of Python: a generated module of small functions.
    python_source=$(for i in $(seq 1 160); do printf 'def handler_%d(request):\n    return {"status": 200, "id": %d}\n\n' "$i" "$i"; done | head -c 10240)
else
    # 10 KB of a Flask module: each handler takes request data to a sink through a safe form.
    python_source=$(python3 - <<'PY'
head = """import shlex
import subprocess
from pathlib import Path

from flask import Flask, abort, escape, redirect, request, url_for

app = Flask(__name__)
BASE = Path("/srv/files")
ALLOWED = {"name", "created", "size"}
"""
forms = [
    """@app.route("/items/{i}")
def items_{i}():
    owner = request.args.get("owner", "")
    rows = db.execute("SELECT id, name FROM items WHERE owner = ? AND shelf = {i}", (owner,))
    return {{"items": [dict(r) for r in rows]}}
""",
    """@app.route("/files/{i}")
def files_{i}():
    name = Path(request.args["name"]).name
    target = (BASE / name).resolve()
    if not target.is_relative_to(BASE):
        abort(404)
    return target.read_text()
""",
    """@app.route("/grep/{i}", methods=["POST"])
def grep_{i}():
    pattern = request.form["pattern"]
    out = subprocess.run(["grep", "-r", "--", pattern, "/srv/logs/{i}"], capture_output=True, check=False)
    return out.stdout.decode()
""",
    """@app.route("/hello/{i}")
def hello_{i}():
    who = escape(request.args.get("who", "world"))
    sort = request.args.get("sort", "name")
    if sort not in ALLOWED:
        sort = "name"
    return f"<p>Hello {{who}}, sorted by {{sort}} ({i})</p>"
""",
    """@app.route("/back/{i}")
def back_{i}():
    count = int(request.args.get("count", "1"))
    quoted = shlex.quote(request.args.get("tag", "x"))
    print(quoted, count)
    return redirect(url_for("items_{i}"))
""",
]
out = [head]
i = 0
while sum(len(p) for p in out) < 10240:
    out.append("\n\n" + forms[i % len(forms)].format(i=i))
    i += 1
print("".join(out)[:10240].rsplit("\n@app", 1)[0])
PY
)
    # The first line is a comment the --served runs rewrite (same length) before each run.
    python_source="# run 0000000000000000000
$python_source"
    printf '%s\n' "$python_source" > "$work/handlers.py"
fi
python3 - "$work" "$python_source" "$event" > "$work/payload.json" <<'PY'
import json, sys
work, source, event = sys.argv[1], sys.argv[2], sys.argv[3]
name = {"pre-tool-use": "PreToolUse", "post-tool-use": "PostToolUse"}[event]
call = {"session_id": "bench", "hook_event_name": name, "cwd": work, "tool_name": "Write",
        "tool_input": {"file_path": work + "/handlers.py", "content": source}}
if event == "post-tool-use":
    call["tool_response"] = {"filePath": work + "/handlers.py", "success": True}
print(json.dumps(call))
PY
echo "payload: $(wc -c < "$work/payload.json") bytes"
cd "$work"
if [ -n "$served" ]; then
    client="$(dirname "$maestro")/maestro-hook"
    [ -x "$client" ] || { echo "no $client: cargo build --release -p maestro-cli" >&2; exit 1; }
    mkfifo "$work/service-stdin"
    "$maestro" hook serve --socket "$work/socket" < "$work/service-stdin" > "$work/service.out" &
    exec 3> "$work/service-stdin"   # the service lives while this descriptor is open
    for _ in $(seq 50); do [ -S "$work/socket" ] && break; sleep 0.1; done
    # Before each run: a new first line (a new file, so nothing kept answers for it); with
    # `pre`, the pre-tool hook of the Write that leaves it runs first, through the client.
    cat > "$work/fresh.py" <<'PY'
import json, subprocess, sys, time
work, client, mode = sys.argv[1], sys.argv[2], sys.argv[3]
path = work + "/handlers.py"
lines = open(path).read().split("\n", 1)
content = "# run %019d\n%s" % (time.time_ns() % 10**19, lines[1])
if mode == "pre":
    call = {"session_id": "bench", "hook_event_name": "PreToolUse", "cwd": work,
            "tool_name": "Write", "tool_input": {"file_path": path, "content": content}}
    done = subprocess.run([client, "--socket", work + "/socket", "--no-fallback", "pre-tool-use"],
                          input=json.dumps(call).encode(), capture_output=True)
    assert done.returncode == 0, done.stderr
if mode == "pair":
    # A Write of a new file, as Claude Code runs it: the pre-tool hook, the write, the
    # post-tool hook, back to back (no time for the early scan but what the write takes).
    path = "%s/pair-%d.py" % (work, time.time_ns())
    pre = {"session_id": "bench", "hook_event_name": "PreToolUse", "cwd": work,
           "tool_name": "Write", "tool_input": {"file_path": path, "content": content}}
    post = dict(pre, hook_event_name="PostToolUse")
    open(work + "/pair-pre.json", "w").write(json.dumps(pre))
    open(work + "/pair-post.json", "w").write(json.dumps(post))
    open(work + "/pair-content.py", "w").write(content)
    open(work + "/pair-path", "w").write(path)
    sys.exit(0)
if mode == "prepay":
    # The pre-tool hook of a Write of this new text (the secret scan of all of it).
    call = {"session_id": "bench", "hook_event_name": "PreToolUse", "cwd": work,
            "tool_name": "Write", "tool_input": {"file_path": path, "content": content}}
    open(work + "/payload-pre.json", "w").write(json.dumps(call))
    sys.exit(0)
if mode == "new":
    # A file the service never saw, under a new name: parsed whole.
    path = "%s/new-%d.py" % (work, time.time_ns())
    call = {"session_id": "bench", "hook_event_name": "PostToolUse", "cwd": work,
            "tool_name": "Write", "tool_input": {"file_path": path, "content": content}}
    open(work + "/payload-new.json", "w").write(json.dumps(call))
open(path, "w").write(content)
PY
    fresh="python3 $work/fresh.py $work $client"
    # The answers are the same either way (checked here, once).
    direct=$("$maestro" hook post-tool-use < payload.json)
    through=$("$client" --socket "$work/socket" --no-fallback post-tool-use < payload.json)
    [ "$direct" = "$through" ] || { echo "the service answered otherwise: $through" >&2; exit 1; }
    hyperfine --warmup 20 --runs 300 -N \
        --prepare "$fresh write" --prepare "$fresh new" --prepare "$fresh write" \
        --prepare "$fresh pre" --prepare "$fresh write" --prepare "$fresh write" \
        "sh -c 'exec $maestro hook $event < payload.json'" \
        "sh -c 'exec $client --socket $work/socket --no-fallback $event < payload-new.json'" \
        "sh -c 'exec $client --socket $work/socket --no-fallback $event < payload.json'" \
        "sh -c 'exec $client --socket $work/socket --no-fallback $event < payload.json'" \
        "sh -c 'exec $maestro --version < payload.json'" \
        "sh -c 'exec true < payload.json'" \
        --export-json "$work/result.json"
    # Pre-tool, write, post-tool back to back, beside pre-tool and write alone: the
    # difference is what the post-tool hook adds to a Write when nothing is given time.
    c="$client --socket $work/socket --no-fallback"
    hyperfine --warmup 10 --runs 200 -N --prepare "$fresh pair" --prepare "$fresh pair" \
        "sh -c '$c pre-tool-use < pair-pre.json && cp pair-content.py \$(cat pair-path) && $c post-tool-use < pair-post.json'" \
        "sh -c '$c pre-tool-use < pair-pre.json && cp pair-content.py \$(cat pair-path)'" \
        --export-json "$work/pair.json"
    # The pre-tool hook on a Write of 10 KB of new text, in its own process and through the
    # service.
    hyperfine --warmup 10 --runs 200 -N --prepare "$fresh prepay" --prepare "$fresh prepay" \
        "sh -c 'exec $maestro hook pre-tool-use < payload-pre.json'" \
        "sh -c 'exec $c pre-tool-use < payload-pre.json'" \
        --export-json "$work/pre.json"
    python3 - "$work/result.json" "$work/pair.json" "$work/pre.json" <<'PY'
import json, sys
alone, new, edited, warm, version, base = json.load(open(sys.argv[1]))["results"]
both, pre = json.load(open(sys.argv[2]))["results"]
pre_alone, pre_served = json.load(open(sys.argv[3]))["results"]
ms = lambda r: r["median"] * 1000
print("post-tool-use hook, 10 KB Flask file, whole process, medians: in its own process %.2f ms; "
      "through the hook service: a file it never saw %.2f ms, a file it saw before this edit "
      "%.2f ms, after the Write's pre-tool hook %.2f ms; maestro --version %.2f ms; "
      "sh + true %.2f ms" % (ms(alone), ms(new), ms(edited), ms(warm), ms(version), ms(base)))
print("a new file's Write through the service: pre-tool, write, post-tool back to back %.2f ms; "
      "without the post-tool hook %.2f ms; the post-tool hook adds %.2f ms"
      % (ms(both), ms(pre), ms(both) - ms(pre)))
print("pre-tool-use hook, a Write of 10 KB of new text: in its own process %.2f ms, through "
      "the hook service %.2f ms" % (ms(pre_alone), ms(pre_served)))
PY
    exit 0
fi
# hyperfine 1.15 has no --input: every command goes through `sh -c` with the same redirection.
# Two baselines: a process that does nothing, and `maestro --version` (the same binary loaded,
# started and ended, without the hook's work): the hook's own cost is its distance to the second.
hyperfine --warmup 20 --runs 300 -N \
    "sh -c 'exec $maestro hook $event < payload.json'" \
    "sh -c 'exec $maestro --version < payload.json'" \
    "sh -c 'exec true < payload.json'" \
    --export-json "$work/result.json"
python3 - "$work/result.json" "$event" <<'PY'
import json, sys
hook, version, base = json.load(open(sys.argv[1]))["results"]
ms = lambda r: r["median"] * 1000
print("maestro hook %s, 10 KB Python file: median %.2f ms; maestro --version %.2f ms "
      "(hook - version: %.2f ms); sh + true %.2f ms (hook - sh: %.2f ms)"
      % (sys.argv[2], ms(hook), ms(version), ms(hook) - ms(version), ms(base), ms(hook) - ms(base)))
PY
