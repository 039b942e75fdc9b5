#!/usr/bin/env bash
# Extracts the order id of every queued SOAP message.
set -euo pipefail

find /var/spool/soap -name '*.xml' -print0 |
  while IFS= read -r -d '' msg; do
    id="$(xmllint --nonet --xpath 'string(//*[local-name()="OrderId"])' "$msg")"
    printf '%s\t%s\n' "$msg" "$id"
  done
