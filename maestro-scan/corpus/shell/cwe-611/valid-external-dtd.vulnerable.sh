#!/usr/bin/env bash
set -euo pipefail

for doc in /srv/inbox/*.xml; do
  if xmllint --valid --noout "$doc"; then
    mv -- "$doc" /srv/accepted/
  else
    mv -- "$doc" /srv/rejected/
  fi
done
