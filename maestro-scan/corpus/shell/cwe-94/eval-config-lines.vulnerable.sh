#!/usr/bin/env bash
set -euo pipefail

config="${1:?usage: deploy CONFIG}"
while IFS= read -r line; do
  [[ "$line" =~ ^# || -z "$line" ]] && continue
  eval "$line"
done < "$config"
echo "deploying ${APP_NAME:-app} to ${TARGET:-staging}"
