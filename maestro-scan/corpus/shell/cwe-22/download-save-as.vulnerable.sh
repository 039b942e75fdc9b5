#!/usr/bin/env bash
set -euo pipefail

url="${1:?usage: fetch URL NAME}"
name="${2:?usage: fetch URL NAME}"
downloads="$HOME/downloads"
curl -fsSL "$url" -o "$downloads/$name"
