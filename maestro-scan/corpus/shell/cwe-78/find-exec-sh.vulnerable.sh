#!/usr/bin/env bash
set -euo pipefail

pattern="${1:?usage: scan PATTERN}"
find /srv/uploads -type f -name '*.txt' -exec sh -c "grep -l $pattern {} || true" \;
