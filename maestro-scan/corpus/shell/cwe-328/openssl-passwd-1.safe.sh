#!/usr/bin/env bash
set -euo pipefail

user="$1"
read -r -s password
useradd -m -p "$(openssl passwd -6 "$password")" "$user"
