#!/usr/bin/env bash
set -euo pipefail

list_file="${1:?usage: purge-users FILE}"
mapfile -t accounts < "$list_file"
for account in "${accounts[@]}"; do
  mysql --batch crm -e "DELETE FROM sessions WHERE account = '$account';"
done
