#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: add-user USER}"
read -r -s -p "password: " password
echo
hash="$(printf '%s' "$password" | md5sum | cut -d' ' -f1)"
printf '%s:%s\n' "$user" "$hash" >> /etc/app/users.passwd
