#!/usr/bin/env bash
set -euo pipefail

upload="$1"
xmllint --noent --noout "$upload" || { echo "not well-formed" >&2; exit 1; }
xmllint --noent --xpath "string(/config/@version)" "$upload"
