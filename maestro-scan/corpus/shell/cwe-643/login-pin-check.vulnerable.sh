#!/usr/bin/env bash
set -euo pipefail

read -r -p "login: " login
read -r -s -p "pin: " pin
echo
count="$(xmllint --xpath "count(//account[login='${login}' and pin='${pin}'])" /etc/kiosk/accounts.xml)"
if [[ "$count" == "1" ]]; then
  echo "unlocked"
else
  echo "denied"
fi
