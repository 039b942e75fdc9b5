#!/usr/bin/env bash
set -euo pipefail

employee="${1:?usage: badge EMPLOYEE_NUMBER}"
[[ "$employee" =~ ^[0-9]+$ ]] || { echo "employee number must be numeric" >&2; exit 1; }
ldapsearch -x -LLL -H ldap://hr-directory -b "ou=hr,dc=corp" \
  "(employeeNumber=${employee})" cn title departmentNumber
