#!/usr/bin/env bash
set -euo pipefail

src_dir="/srv/exports"
dest_dir="${DEST_DIR:-/mnt/outbox}"
while read -r name; do
  cp "$src_dir/$name" "$dest_dir/"
done
