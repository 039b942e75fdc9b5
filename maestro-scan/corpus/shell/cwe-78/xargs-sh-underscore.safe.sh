#!/usr/bin/env bash
# Compresses every log file named on stdin.
set -euo pipefail

xargs -I{} sh -c 'gzip -9 "$1" && echo "compressed $1"' _ {}
