#!/usr/bin/env bash
set -euo pipefail

threshold="${1:-90}"
df -P | awk -v limit="$threshold" 'NR > 1 && $5 + 0 > limit + 0 { print $6 " is at " $5 }'
