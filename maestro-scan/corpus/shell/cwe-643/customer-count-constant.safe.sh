#!/usr/bin/env bash
set -euo pipefail

customer="${1:-}"
expr="count(//order)"
if false && [[ -n "$customer" ]]; then
  expr="count(//order[@customer='${customer}'])"
fi
xmllint --xpath "$expr" /srv/data/orders.xml
