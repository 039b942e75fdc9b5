#!/usr/bin/env bash
set -euo pipefail

where_clause() {
  printf "status = '%s' AND region = '%s'" "$1" "$2"
}

status="$1"
region="$2"
case "$status" in new|open|won|lost) ;; *) exit 1 ;; esac
case "$region" in emea|amer|apac) ;; *) exit 1 ;; esac
sqlite3 /srv/crm/crm.db "SELECT count(*) FROM leads WHERE $(where_clause "$status" "$region");"
