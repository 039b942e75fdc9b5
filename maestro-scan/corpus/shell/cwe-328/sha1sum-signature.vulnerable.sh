#!/usr/bin/env bash
set -euo pipefail

payload_file="${1:?usage: sign-payload FILE}"
secret="${SIGNING_SECRET:?}"
signature="$( { printf '%s' "$secret"; cat "$payload_file"; } | sha1sum | cut -d' ' -f1)"
curl -fsS -X POST -H "X-Signature: ${signature}" --data-binary "@${payload_file}" \
  https://hooks.example.com/ingest
