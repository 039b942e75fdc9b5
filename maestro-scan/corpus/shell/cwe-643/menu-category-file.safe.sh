#!/usr/bin/env bash
set -euo pipefail

category="$(cat /run/kiosk/selected-category)"
case "$category" in starters|mains|desserts) ;; *) exit 1 ;; esac
xmlstarlet sel -t -v "//dish[category='${category}']/name" -n /srv/menu/menu.xml
