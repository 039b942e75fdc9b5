#!/usr/bin/env bash
set -euo pipefail

upload="$1"
# parsed without --noent: entities in uploads are never expanded
xmllint --nonet --noout "$upload" || { echo "not well-formed" >&2; exit 1; }
xmllint --nonet --xpath "string(/config/@version)" "$upload"
