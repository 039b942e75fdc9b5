#!/usr/bin/env bash
set -euo pipefail

config="${1:?usage: deploy CONFIG}"
while IFS= read -r line; do
  [[ "$line" =~ ^# || -z "$line" ]] && continue
  key="${line%%=*}"
  value="${line#*=}"
  [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
  printf -v "$key" '%s' "$value"
done < "$config"
echo "deploying ${APP_NAME:-app} to ${TARGET:-staging}"
