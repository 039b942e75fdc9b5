#!/usr/bin/env bash
set -euo pipefail

order_id="${1:-}"
if [[ ! "$order_id" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 ORDER_ID" >&2
  exit 64
fi

mysql --batch shop -e "UPDATE orders SET status = 'refunded' WHERE id = $order_id"
echo "order $order_id refunded"
