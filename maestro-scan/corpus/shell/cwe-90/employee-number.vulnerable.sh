#!/usr/bin/env bash
set -euo pipefail

employee="${1:?usage: badge EMPLOYEE_NUMBER}"
ldapsearch -x -LLL -H ldap://hr-directory -b "ou=hr,dc=corp" \
  "(employeeNumber=${employee})" cn title departmentNumber
