#!/usr/bin/env bash
# Reads "sku,quantity" lines on stdin and records the stock levels.
set -euo pipefail

db="${STOCK_DB:-/srv/stock/stock.db}"
while IFS=, read -r sku qty; do
  [[ -z "$sku" ]] && continue
  sqlite3 "$db" "INSERT OR REPLACE INTO stock (sku, qty) VALUES ('$sku', $qty);"
done
