#!/usr/bin/env bash
set -euo pipefail

term="$*"
filter="(|(cn=*${term}*)(mail=*${term}*)(telephoneNumber=*${term}*))"
ldapsearch -x -LLL -z 20 -H ldap://directory.internal -b "ou=people,dc=internal" "$filter" cn mail
