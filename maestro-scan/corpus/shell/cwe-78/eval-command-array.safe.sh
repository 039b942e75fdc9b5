#!/usr/bin/env bash
set -euo pipefail

target_host="$1"
port="${2:-22}"
cmd=(nc -z -w 3 "$target_host" "$port")
"${cmd[@]}" && echo "open" || echo "closed"
