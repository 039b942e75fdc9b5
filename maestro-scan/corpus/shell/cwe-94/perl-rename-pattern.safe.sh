#!/usr/bin/env bash
set -euo pipefail

old="$1"
new="$2"
for f in ./*.txt; do
  OLD="$old" NEW="$new" perl -i -pe 's/\Q$ENV{OLD}\E/$ENV{NEW}/g' "$f"
done
