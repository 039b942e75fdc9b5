#!/usr/bin/env bash
# The added cost of a remote crew: N voyages of one trivial command order run with
# crews.executor "local" and N with crews.executor "slurm" on the real two-node test cluster
# (scripts/slurm-cluster), alternating, same run, same binary; `maestro run` timed wall-clock
# each time. For the Slurm crew that is everything a remote crew adds: the base bundle, sbatch,
# Slurm's scheduling and the job's start on a node, `maestro crew-exec` fetching its work over
# the control channel (TLS), cloning, running, committing and sending its commit back as a
# bundle, and the coordinator taking the change in through the quarantine repository — then the
# same scan, gates and merge as the local crew's.
#
# Both sides: crews.sandbox "off" (so only the executor differs), the order
# `sh -c 'echo x > f.txt'`, a fresh repository per run (created outside the timer), one crew.
# The first run of each kind is a warm-up, shown but left out of the figures (a cluster's first
# job waits for slurmctld's first scheduling round, about 3 s after it started).
#
# Then B extra Slurm runs (not in the figures above) with thin bash wrappers around `sbatch` and
# the nodes' `maestro` that log $EPOCHREALTIME, to split one remote crew into its steps (all
# timestamps are from this one machine's clock):
#   start    `maestro run` started → the attempt began (report's started_at)
#   prepare  → sbatch called (worktree, base bundle, control channel registration)
#   sbatch   → sbatch returned (the job id)
#   launch   → `maestro crew-exec` started on the node (Slurm's scheduling, slurmd, the login
#              environment --export=NONE loads, the job script writing the certificate)
#   on node  → crew-exec exited (work order and base bundle over the channel, clone, the command,
#              commit, result bundle and result sent back)
#   collect  → the attempt ended (report's ended_at: the change through the quarantine, scan,
#              gates)
#   merge    → `maestro run` exited (merge, audit, exit)
#
# Everything runs in a loopback-only network namespace the script makes (unshare -n); the
# cluster's bridge and namespaces live inside it, so no packet leaves the machine. Needs root
# and Slurm (scripts/slurm-cluster install).
#
# Usage: benches/scripts/remote-crew-cost.sh [N] [B]      (defaults: 10 pairs, 3 breakdown runs)
# MAESTRO=path/to/maestro uses that binary; otherwise target/release/maestro of this checkout
# (or $CARGO_TARGET_DIR/release/maestro) when it is newer than every source file, else
# `cargo build --release -p maestro-cli` first. KEEP=1 keeps the work directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pairs=${1:-10}
breakdown=${2:-3}

if [ "$(id -u)" != 0 ]; then
    echo "needs root (network namespaces, Slurm's daemons)" >&2
    exit 1
fi

# Into a loopback-only network namespace of our own, once.
if [ -z "${MAESTRO_BENCH_IN_NETNS:-}" ]; then
    exec env MAESTRO_BENCH_IN_NETNS=1 unshare -n -- "$0" "$@"
fi
ip link set lo up

# The binary: given, or a fresh release build.
fresh() { # BINARY: newer than every source file of this checkout?
    [ -x "$1" ] || return 1
    [ -z "$(find "$root/Cargo.toml" "$root/Cargo.lock" "$root"/maestro-*/ \
        \( -name '*.rs' -o -name Cargo.toml -o -name build.rs \) -newer "$1" -print -quit)" ]
}
if [ -n "${MAESTRO:-}" ]; then
    maestro=$MAESTRO
else
    maestro=""
    for candidate in "$root/target/release/maestro" \
        ${CARGO_TARGET_DIR:+"$CARGO_TARGET_DIR/release/maestro"}; do
        if fresh "$candidate"; then maestro=$candidate; break; fi
    done
    if [ -z "$maestro" ]; then
        echo "building maestro (release) …" >&2
        (cd "$root" && cargo build --release -p maestro-cli -q)
        maestro="${CARGO_TARGET_DIR:-$root/target}/release/maestro"
    fi
fi
[ -x "$maestro" ] || { echo "no maestro binary at $maestro" >&2; exit 1; }
for tool in sbatch slurmctld slurmd python3 git; do
    command -v "$tool" >/dev/null || {
        echo "$tool is missing (scripts/slurm-cluster install)" >&2
        exit 1
    }
done

work=$(mktemp -d /tmp/maestro-remote-bench.XXXXXX)
cluster="$work/cluster"
cleanup() {
    "$root/scripts/slurm-cluster" stop "$cluster" >/dev/null 2>&1 || true
    if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
touch "$work/since"

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
"$root/scripts/slurm-cluster" start "$cluster" >/dev/null
set -a
# shellcheck disable=SC1091
. "$cluster/env"
set +a
addr=$MAESTRO_SLURM_COORDINATOR_ADDR

# The instrumented programs of the breakdown runs.
mkdir -p "$work/bin"
real_bin=$(dirname "$(command -v sbatch)")
for tool in scontrol scancel sinfo; do
    printf '#!/bin/sh\nexec %q "$@"\n' "$real_bin/$tool" > "$work/bin/$tool"
done
# (maestro runs sbatch with a cleared environment, and the job gets none of ours: both read
# where to log from a file.)
cat > "$work/bin/sbatch" <<EOF
#!/bin/bash
times=\$(cat "$work/times-path")
printf 'sbatch_start %s\n' "\$EPOCHREALTIME" >> "\$times"
$real_bin/sbatch "\$@"
rc=\$?
printf 'sbatch_end %s\n' "\$EPOCHREALTIME" >> "\$times"
exit \$rc
EOF
cat > "$work/bin/maestro-node" <<EOF
#!/bin/bash
times=\$(cat "$work/times-path")
printf 'exec_start %s\n' "\$EPOCHREALTIME" >> "\$times"
$maestro "\$@"
rc=\$?
printf 'exec_end %s\n' "\$EPOCHREALTIME" >> "\$times"
exit \$rc
EOF
chmod +x "$work/bin"/*

# A fresh repository with one voyage of one order, for KIND (local, slurm, slurm-timed).
setup() {
    local repo=$1 kind=$2
    mkdir -p "$repo"
    git -C "$repo" init -q -b main
    echo base > "$repo/README"
    git -C "$repo" add README
    git -C "$repo" -c user.name=bench -c user.email=bench@localhost commit -q -m base
    (cd "$repo" && "$maestro" init -q)
    python3 - "$repo/.mso/workspace.json" "$kind" "$SLURM_CONF" "$MAESTRO_SLURM_PARTITION" \
        "$addr" "$maestro" "$work/bin" <<'PY'
import json, sys
path, kind, conf, partition, addr, maestro, bindir = sys.argv[1:]
config = json.load(open(path))
config["agent"] = {"kind": "command", "program": "true", "extraArgs": []}
config["crews"]["sandbox"] = "off"
if kind != "local":
    executor = {
        "kind": "slurm",
        "slurmConf": conf,
        "partition": partition,
        "maestro": maestro,
        "listen": addr + ":0",
        "advertise": addr,
        "resources": {"default": {"cpus": 1, "memoryMib": 256}},
        "heartbeatSecs": 10,
    }
    if kind == "slurm-timed":
        executor["slurmBinDir"] = bindir
        executor["maestro"] = bindir + "/maestro-node"
    config["crews"]["executor"] = executor
json.dump(config, open(path, "w"), indent=2)
PY
    printf '[[orders]]\nid = "o1"\ntitle = "One file"\nrole = "builder"\nagent = { command = ["sh", "-c", "echo x > f.txt"] }\n' \
        > "$repo/orders.toml"
    (cd "$repo" && "$maestro" voyage new v1 -q && "$maestro" voyage import v1 orders.toml -q)
}

# Runs `maestro run v1` in a new repository of KIND; appends "kind ms start_ns end_ns repo" to
# the results.
one() {
    local kind=$1 label=$2 repo start end
    repo="$work/runs/$label"
    setup "$repo" "$kind"
    echo "$repo/times" > "$work/times-path"
    start=$(date +%s%N)
    if ! (cd "$repo" && "$maestro" run v1 -q > "$repo/run.out" 2>&1); then
        echo "run $label failed:" >&2
        cat "$repo/run.out" >&2
        exit 1
    fi
    end=$(date +%s%N)
    git -C "$repo" cat-file -e maestro/v1:f.txt 2>/dev/null || {
        echo "run $label: the crew's f.txt is not on maestro/v1" >&2
        exit 1
    }
    echo "$kind $label $(((end - start) / 1000000)) $start $end $repo" >> "$work/results"
}

one local warmup-local
one slurm warmup-slurm
for i in $(seq 1 "$pairs"); do
    one local "local-$i"
    one slurm "slurm-$i"
done
for i in $(seq 1 "$breakdown"); do
    one slurm-timed "timed-$i"
done
load_after=$(load)

python3 - "$work/results" <<'PY'
import json, statistics, sys
from datetime import datetime

def ns(ts):  # RFC 3339 with nanoseconds → epoch ns
    whole, _, frac = ts.rstrip("Z").partition(".")
    base = datetime.fromisoformat(whole + "+00:00").timestamp()
    return int(base) * 10**9 + int((frac + "000000000")[:9])

rows = [line.split() for line in open(sys.argv[1])]
def report(repo):
    return json.load(open(repo + "/.mso/voyages/v1/reports/o1.json"))["attempts"][-1]

warm = {r[0]: int(r[2]) for r in rows if r[1].startswith("warmup")}
local = [r for r in rows if r[0] == "local" and not r[1].startswith("warmup")]
slurm = [r for r in rows if r[0] == "slurm" and not r[1].startswith("warmup")]
print(f"warm-up (not counted): local {warm['local']} ms, slurm {warm['slurm']} ms")
print()
print("pair  local ms  slurm ms  added ms   local crew s  slurm crew s  slurm node")
for n, (l, s) in enumerate(zip(local, slurm), 1):
    lr, sr = report(l[5]), report(s[5])
    order = json.load(open(s[5] + "/.mso/voyages/v1/orders/o1.json"))
    node = (order.get("placement") or {}).get("node", "?")
    job = (order.get("placement") or {}).get("job", "?")
    print(f"{n:>4}  {int(l[2]):>8}  {int(s[2]):>8}  {int(s[2]) - int(l[2]):>8}   "
          f"{lr['crew_secs']:>12.3f}  {sr['crew_secs']:>12.3f}  {node} (job {job})")
lm = statistics.median(int(r[2]) for r in local)
sm = statistics.median(int(r[2]) for r in slurm)
lc = statistics.median(report(r[5])["crew_secs"] for r in local) * 1000
sc = statistics.median(report(r[5])["crew_secs"] for r in slurm) * 1000
print()
print(f"median wall time of `maestro run`: local {lm:.0f} ms, slurm {sm:.0f} ms")
print(f"added per remote crew: {sm - lm:.0f} ms (slurm / local = {sm / lm:.1f}x)")
print(f"median executor time (report crew_secs): local {lc:.1f} ms, slurm {sc:.0f} ms")
print(f"min/max wall: local {min(int(r[2]) for r in local)}/{max(int(r[2]) for r in local)} ms, "
      f"slurm {min(int(r[2]) for r in slurm)}/{max(int(r[2]) for r in slurm)} ms")

timed = [r for r in rows if r[0] == "slurm-timed"]
if timed:
    steps = ["start", "prepare", "sbatch", "launch", "on node", "collect", "merge"]
    print()
    print(f"breakdown of {len(timed)} instrumented slurm runs (ms; wrappers add a few ms):")
    print("  run  " + "".join(f"{s:>9}" for s in steps) + "    total")
    for r in timed:
        marks = {}
        for line in open(r[5] + "/times"):
            key, value = line.split()
            marks.setdefault(key, int(float(value) * 1e9))
        a = report(r[5])
        points = [int(r[3]), ns(a["started_at"]), marks["sbatch_start"], marks["sbatch_end"],
                  marks["exec_start"], marks["exec_end"], ns(a["ended_at"]), int(r[4])]
        parts = [(b - a_) / 1e6 for a_, b in zip(points, points[1:])]
        print(f"  {r[1]:<5}" + "".join(f"{p:>9.0f}" for p in parts) + f"  {int(r[2]):>7}")
PY

echo
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(uname -sr)"
echo "load average (1/5/15 min): before $load_before, after $load_after"
echo "slurm: $(sbatch --version), two nodes of $(scontrol -o show node node1 | grep -o 'CPUTot=[0-9]*' | cut -d= -f2) CPUs on this machine"
echo "maestro: $maestro ($("$maestro" --version 2>/dev/null | head -1)), checkout $(git -C "$root" rev-parse --short HEAD)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
# What jobs leave in the nodes' /tmp (here the machine's, shared with anything else running).
outputs=$(find /tmp -maxdepth 1 -newer "$work/since" -name 'maestro-job-*.out' -type f | wc -l)
certificates=$(find /tmp -maxdepth 1 -newer "$work/since" -name 'tmp.*' -type f -print0 \
    | xargs -0 -r grep -l -- '-----BEGIN CERTIFICATE-----' | wc -l)
echo "left in /tmp since the start: $outputs job output files (maestro-job-ID.out), $certificates certificate files (tmp.*)"
