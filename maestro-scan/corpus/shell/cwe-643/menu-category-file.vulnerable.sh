#!/usr/bin/env bash
set -euo pipefail

category="$(cat /run/kiosk/selected-category)"
xmlstarlet sel -t -v "//dish[category='${category}']/name" -n /srv/menu/menu.xml
