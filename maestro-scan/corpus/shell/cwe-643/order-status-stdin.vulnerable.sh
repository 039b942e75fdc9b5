#!/usr/bin/env bash
# Prints the status of each order id read from stdin.
set -euo pipefail

feed="/srv/feeds/orders.xml"
while read -r order_id; do
  status="$(xmllint --xpath "string(//order[@id='${order_id}']/status)" "$feed")"
  echo "$order_id: $status"
done
