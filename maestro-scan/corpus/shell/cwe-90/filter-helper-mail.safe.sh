#!/usr/bin/env bash
set -euo pipefail

mail_filter() {
  local escaped
  escaped="$(printf '%s' "$1" | sed -e 's/\\/\\5c/g' -e 's/\*/\\2a/g' -e 's/(/\\28/g' -e 's/)/\\29/g')"
  printf '(mail=%s)' "$escaped"
}

mail="$1"
ldapsearch -x -LLL -H "$LDAP_URI" -b "dc=example,dc=com" "$(mail_filter "$mail")" dn
