#!/usr/bin/env bash
set -euo pipefail

read -r -p "login: " login
read -r -s -p "pin: " pin
echo
[[ "$login" =~ ^[a-z0-9]+$ && "$pin" =~ ^[0-9]{4,8}$ ]] || { echo "denied"; exit 1; }
count="$(xmllint --xpath "count(//account[login='${login}' and pin='${pin}'])" /etc/kiosk/accounts.xml)"
if [[ "$count" == "1" ]]; then
  echo "unlocked"
else
  echo "denied"
fi
