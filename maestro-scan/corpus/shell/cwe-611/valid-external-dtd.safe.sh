#!/usr/bin/env bash
set -euo pipefail

for doc in /srv/inbox/*.xml; do
  if xmllint --nonet --noout --schema /etc/app/order.xsd "$doc"; then
    mv -- "$doc" /srv/accepted/
  else
    mv -- "$doc" /srv/rejected/
  fi
done
