#!/usr/bin/env bash
set -euo pipefail

host="$1"
xmlstarlet sel -t -m "/hosts/host[@name='${host}']/check" \
  -v "@type" -o " every " -v "@interval" -n /etc/monitoring/hosts.xml
