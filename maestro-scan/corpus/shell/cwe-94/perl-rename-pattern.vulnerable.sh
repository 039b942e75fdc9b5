#!/usr/bin/env bash
set -euo pipefail

old="$1"
new="$2"
for f in ./*.txt; do
  perl -i -pe "s/$old/$new/g" "$f"
done
