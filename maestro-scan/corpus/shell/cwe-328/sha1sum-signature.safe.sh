#!/usr/bin/env bash
set -euo pipefail

payload_file="${1:?usage: sign-payload FILE}"
secret="${SIGNING_SECRET:?}"
signature="$(openssl dgst -sha256 -hmac "$secret" -r "$payload_file" | cut -d' ' -f1)"
curl -fsS -X POST -H "X-Signature: ${signature}" --data-binary "@${payload_file}" \
  https://hooks.example.com/ingest
