#!/usr/bin/env bash
set -euo pipefail

mail_filter() {
  printf '(mail=%s)' "$1"
}

mail="$1"
ldapsearch -x -LLL -H "$LDAP_URI" -b "dc=example,dc=com" "$(mail_filter "$mail")" dn
