#!/usr/bin/env bash
set -euo pipefail

host="$1"
case "$host" in
  *[!a-z0-9.-]*|"") echo "invalid host" >&2; exit 1 ;;
esac
xmlstarlet sel -t -m "/hosts/host[@name='${host}']/check" \
  -v "@type" -o " every " -v "@interval" -n /etc/monitoring/hosts.xml
