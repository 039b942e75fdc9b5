#!/usr/bin/env bash
set -euo pipefail

feed_url="${FEED_URL:?FEED_URL must be set}"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
curl -fsSL "$feed_url" -o "$tmp"
xmllint --dtdattr --noent --xpath "//item/title/text()" "$tmp"
