#!/usr/bin/env bash
set -euo pipefail

department="${DEPARTMENT:-engineering}"
ldapsearch -x -LLL -H ldap://ldap -b "ou=people,dc=example,dc=com" \
  "(departmentNumber=${department})" cn mail > "roster.ldif"
