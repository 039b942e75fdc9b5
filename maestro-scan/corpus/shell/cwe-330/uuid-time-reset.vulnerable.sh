#!/usr/bin/env bash
set -euo pipefail

email="${1:?usage: invite EMAIL}"
token="$(uuidgen --time)"
printf '%s,%s,%s\n' "$email" "$token" "$(date -u +%FT%TZ)" >> /srv/app/pending-invites.csv
mail -s "Your invitation" "$email" <<< "Accept: https://app.example.com/join/${token}"
