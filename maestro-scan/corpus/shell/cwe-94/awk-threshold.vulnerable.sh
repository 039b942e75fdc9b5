#!/usr/bin/env bash
set -euo pipefail

threshold="${1:-90}"
df -P | awk "NR > 1 && \$5 + 0 > $threshold { print \$6 \" is at \" \$5 }"
