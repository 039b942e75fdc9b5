#!/usr/bin/env bash
# Nightly sync: waits a random few seconds so hosts do not hit the API at once.
set -euo pipefail

sleep $((RANDOM % 60))
request_id="$(openssl rand -hex 16)"
curl -fsS -H "X-Request-Nonce: ${request_id}" -H "Authorization: Bearer ${SYNC_TOKEN:?}" \
  https://api.example.com/v1/sync -o /var/lib/sync/latest.json
