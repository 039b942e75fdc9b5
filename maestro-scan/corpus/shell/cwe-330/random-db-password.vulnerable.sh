#!/usr/bin/env bash
set -euo pipefail

app="${1:?usage: create-db-user APP}"
password="${RANDOM}${RANDOM}${RANDOM}"
psql -v ON_ERROR_STOP=1 -d postgres -c "CREATE ROLE \"${app}\" LOGIN PASSWORD '${password}'"
echo "DATABASE_PASSWORD=${password}" > "/etc/apps/${app}.env"
