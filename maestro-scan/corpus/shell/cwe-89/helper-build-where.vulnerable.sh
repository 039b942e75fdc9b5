#!/usr/bin/env bash
set -euo pipefail

where_clause() {
  printf "status = '%s' AND region = '%s'" "$1" "$2"
}

status="$1"
region="$2"
sqlite3 /srv/crm/crm.db "SELECT count(*) FROM leads WHERE $(where_clause "$status" "$region");"
