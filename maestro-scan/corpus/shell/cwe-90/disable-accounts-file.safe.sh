#!/usr/bin/env bash
set -euo pipefail

list="${1:?usage: disable-accounts FILE}"
while IFS= read -r account; do
  case "$account" in *[!A-Za-z0-9._-]*|"") continue ;; esac
  dn="$(ldapsearch -x -LLL -H ldap://dc01 -b "dc=corp,dc=local" "(sAMAccountName=$account)" dn | sed -n 's/^dn: //p')"
  [[ -n "$dn" ]] && echo "would disable $dn"
done < "$list"
