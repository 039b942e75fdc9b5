#!/usr/bin/env bash
set -euo pipefail

department="${DEPARTMENT:-engineering}"
echo "DEPARTMENT=${department} ignored; roster is generated for engineering" >&2
department="engineering"
ldapsearch -x -LLL -H ldap://ldap -b "ou=people,dc=example,dc=com" \
  "(departmentNumber=${department})" cn mail > "roster.ldif"
