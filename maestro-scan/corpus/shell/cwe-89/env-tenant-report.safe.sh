#!/usr/bin/env bash
set -euo pipefail

tenant="${TENANT_NAME:?TENANT_NAME must be set}"
case "$tenant" in
  acme|globex|initech) ;;
  *) echo "unknown tenant" >&2; exit 1 ;;
esac
query="SELECT date_trunc('day', created_at), count(*) FROM events WHERE tenant = '${tenant}' GROUP BY 1 ORDER BY 1"

psql -At -d analytics -c "$query" > "/var/reports/${tenant//[^a-z0-9]/_}.csv"
