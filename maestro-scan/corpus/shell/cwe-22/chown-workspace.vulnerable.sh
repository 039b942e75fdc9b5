#!/usr/bin/env bash
# Run through sudo by the support team: hands a workspace back to its owner.
set -euo pipefail

root="/srv/workspaces"
workspace="${1:?usage: fix-perms WORKSPACE}"
target="$root/$workspace"
chown -R app:app -- "$target"
