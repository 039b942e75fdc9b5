#!/usr/bin/env bash
# Prints the members of each group named on stdin.
set -euo pipefail

while read -r group; do
  [[ "$group" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "skipping $group" >&2; continue; }
  ldapsearch -x -LLL -H ldap://ldap.corp.local -b "ou=groups,dc=corp,dc=local" \
    "(&(objectClass=groupOfNames)(cn=${group}))" member
done
