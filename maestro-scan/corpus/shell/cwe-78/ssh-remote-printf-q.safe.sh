#!/usr/bin/env bash
set -euo pipefail

service="${1:?usage: restart-remote SERVICE}"
quoted=$(printf '%q' "$service")
for host in web01 web02 web03; do
  ssh "deploy@$host" "sudo systemctl restart $quoted && systemctl is-active $quoted"
done
