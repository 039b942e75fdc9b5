#!/usr/bin/env bash
set -euo pipefail

object="${1:?usage: presign OBJECT}"
expires=$(( $(date +%s) + 3600 ))
sig="$(printf '%s\n%s' "$object" "$expires" | openssl dgst -sha256 -hmac "${URL_SIGNING_KEY:?}" -r | cut -d' ' -f1)"
echo "https://files.example.com/${object}?expires=${expires}&sig=${sig}"
