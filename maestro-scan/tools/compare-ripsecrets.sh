#!/usr/bin/env bash
# Time maestro-scan (release example `scan_tree`) and ripsecrets on the same tree, alternating
# runs, and print the median wall time of each plus their finding counts.
#
#   CARGO_TARGET_DIR=/work/target-scan cargo build --release -p maestro-scan --example scan_tree
#   maestro-scan/tools/compare-ripsecrets.sh [RUNS]
#
# The tree is MAESTRO_BENCH_TREE (paths separated by ':'), by default the Python 3.11 standard
# library and ~/.cargo/registry/src. One untimed warm-up run of maestro-scan fills the page cache.
set -euo pipefail
runs=${1:-3}
tree=${MAESTRO_BENCH_TREE:-/root/.pyenv/versions/3.11.7/lib/python3.11:$HOME/.cargo/registry/src}
IFS=: read -r -a paths <<< "$tree"
ours=${CARGO_TARGET_DIR:-target}/release/examples/scan_tree
out=$(mktemp -d)
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

"$ours" "${paths[@]}" > /dev/null 2>&1
# ripsecrets reads the same files, now in the page cache.
for i in $(seq "$runs"); do
  t0=$(now); "$ours" --secrets --list "${paths[@]}" > "$out/ours-secrets.txt" 2>/dev/null; t1=$(now)
  echo "$t1 - $t0" | bc >> "$out/ours-secrets.t"
  t0=$(now); "$ours" "${paths[@]}" > "$out/ours-all.txt" 2>/dev/null; t1=$(now)
  echo "$t1 - $t0" | bc >> "$out/ours-all.t"
  t0=$(now); ripsecrets "${paths[@]}" > "$out/ripsecrets.txt" 2>/dev/null || true; t1=$(now)
  echo "$t1 - $t0" | bc >> "$out/ripsecrets.t"
done
echo "runs: $runs; tree: ${paths[*]}; nproc: $(nproc)"
echo "maestro-scan --secrets: median $(median < "$out/ours-secrets.t") s  ($(head -1 "$out/ours-secrets.txt"))"
echo "maestro-scan (all rules): median $(median < "$out/ours-all.t") s  ($(head -1 "$out/ours-all.txt"))"
echo "ripsecrets 0.1.11: median $(median < "$out/ripsecrets.t") s  findings $(wc -l < "$out/ripsecrets.txt")"
echo "raw times: ours-secrets $(tr '\n' ' ' < "$out/ours-secrets.t"); ours-all $(tr '\n' ' ' < "$out/ours-all.t"); ripsecrets $(tr '\n' ' ' < "$out/ripsecrets.t")"
echo "outputs in $out"
