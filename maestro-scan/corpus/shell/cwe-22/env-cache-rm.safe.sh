#!/usr/bin/env bash
set -euo pipefail

cache_root="/var/cache/builds"
key="${CACHE_KEY:?CACHE_KEY is required}"
case "$key" in
  */*|*..*|"") echo "invalid cache key" >&2; exit 1 ;;
esac
rm -rf -- "$cache_root/$key"
echo "cleared $key"
