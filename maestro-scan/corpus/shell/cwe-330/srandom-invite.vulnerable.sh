#!/usr/bin/env bash
set -euo pipefail

invites="${1:-10}"
for _ in $(seq 1 "$invites"); do
  printf 'INV-%08X%08X\n' "$RANDOM$RANDOM" "$RANDOM$RANDOM"
done >> /srv/app/invite-codes.txt
