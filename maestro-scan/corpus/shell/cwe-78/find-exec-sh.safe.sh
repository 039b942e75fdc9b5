#!/usr/bin/env bash
set -euo pipefail

pattern="${1:?usage: scan PATTERN}"
find /srv/uploads -type f -name '*.txt' -exec grep -l -e "$pattern" -- {} +
