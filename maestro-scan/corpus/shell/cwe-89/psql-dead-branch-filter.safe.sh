#!/usr/bin/env bash
set -euo pipefail

filter="status = 'active'"
if false && [[ -n "${EXTRA_FILTER:-}" ]]; then
  filter="$filter AND ${EXTRA_FILTER}"
fi
psql -At -d accounts -c "SELECT email FROM users WHERE $filter" > active-users.txt
