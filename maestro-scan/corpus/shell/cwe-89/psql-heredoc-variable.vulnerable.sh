#!/usr/bin/env bash
set -euo pipefail

customer="$1"
psql --no-psqlrc -At -d billing -c \
  "SELECT invoice_no, total FROM invoices WHERE customer = '${customer}' ORDER BY issued DESC LIMIT 20;"
