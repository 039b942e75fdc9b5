#!/usr/bin/env bash
set -euo pipefail

service="${1:?usage: restart-remote SERVICE}"
for host in web01 web02 web03; do
  ssh "deploy@$host" "sudo systemctl restart $service && systemctl is-active $service"
done
