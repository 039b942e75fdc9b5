#!/usr/bin/env bash
set -euo pipefail

cache_root="/var/cache/builds"
key="${CACHE_KEY:?CACHE_KEY is required}"
rm -rf -- "$cache_root/$key"
echo "cleared $key"
