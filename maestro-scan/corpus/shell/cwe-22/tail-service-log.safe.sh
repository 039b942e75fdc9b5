#!/usr/bin/env bash
set -euo pipefail

service="${1:?usage: logs SERVICE [LINES]}"
lines="${2:-100}"
case "$service" in
  api|worker|scheduler) ;;
  *) echo "unknown service" >&2; exit 1 ;;
esac
tail -n "$lines" "/var/log/apps/${service}.log"
