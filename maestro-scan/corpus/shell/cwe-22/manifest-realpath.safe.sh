#!/usr/bin/env bash
# Copies the files listed in an uploaded manifest into the publish directory.
set -euo pipefail

staging="/srv/staging"
publish="/srv/www/releases"
while IFS= read -r entry; do
  src="$(realpath -m -- "$staging/$entry")"
  [[ "$src" == "$staging"/* ]] || { echo "skipping $entry" >&2; continue; }
  cp -- "$src" "$publish/"
done < "$staging/MANIFEST"
