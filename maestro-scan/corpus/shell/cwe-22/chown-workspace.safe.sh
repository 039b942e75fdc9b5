#!/usr/bin/env bash
# Run through sudo by the support team: hands a workspace back to its owner.
set -euo pipefail

root="/srv/workspaces"
workspace="${1:?usage: fix-perms WORKSPACE}"
target="$(realpath -e -- "$root/$workspace")"
if [[ "$target" != "$root"/* ]]; then
  echo "refusing to touch $target" >&2
  exit 1
fi
chown -R app:app -- "$target"
