#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: whois-ldap USER}"
if [[ ! "$user" =~ ^[a-z][a-z0-9._-]*$ ]]; then
  echo "invalid user name" >&2
  exit 1
fi
ldapsearch -x -LLL -H ldap://ldap.corp.local -b "ou=people,dc=corp,dc=local" \
  "(uid=$user)" cn mail telephoneNumber
