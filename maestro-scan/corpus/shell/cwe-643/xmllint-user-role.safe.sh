#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: role USER}"
[[ "$user" =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "invalid user" >&2; exit 1; }
xmllint --xpath "string(//user[@name='$user']/role)" /etc/app/users.xml
echo
