#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: whois-ldap USER}"
ldapsearch -x -LLL -H ldap://ldap.corp.local -b "ou=people,dc=corp,dc=local" \
  "(uid=$user)" cn mail telephoneNumber
