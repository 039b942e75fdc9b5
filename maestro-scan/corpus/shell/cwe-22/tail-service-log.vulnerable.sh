#!/usr/bin/env bash
set -euo pipefail

service="${1:?usage: logs SERVICE [LINES]}"
lines="${2:-100}"
tail -n "$lines" "/var/log/apps/${service}.log"
