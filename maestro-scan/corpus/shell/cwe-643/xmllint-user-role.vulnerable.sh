#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: role USER}"
xmllint --xpath "string(//user[@name='$user']/role)" /etc/app/users.xml
echo
