#!/usr/bin/env bash
set -euo pipefail

inbox="/srv/inbox"
archive="/srv/archive"
for file in "$inbox"/*.msg; do
  subject="$(head -n 1 "$file" | tr -cd '[:alnum:] _-')"
  mv -- "$file" "$archive/$subject.msg"
done
