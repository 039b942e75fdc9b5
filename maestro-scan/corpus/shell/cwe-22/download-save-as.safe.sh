#!/usr/bin/env bash
set -euo pipefail

url="${1:?usage: fetch URL NAME}"
name="${2:?usage: fetch URL NAME}"
downloads="$HOME/downloads"
if [[ "$name" == *..* || "$name" == */* ]]; then
  echo "name must be a plain file name" >&2
  exit 1
fi
curl -fsSL "$url" -o "$downloads/$name"
