#!/usr/bin/env bash
# Copies the files listed in an uploaded manifest into the publish directory.
set -euo pipefail

staging="/srv/staging"
publish="/srv/www/releases"
while IFS= read -r entry; do
  src="$staging/$entry"
  cp -- "$src" "$publish/"
done < "$staging/MANIFEST"
