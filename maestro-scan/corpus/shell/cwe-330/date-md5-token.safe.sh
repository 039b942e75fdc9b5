#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: reset-link USER}"
token="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$user $token $(date +%s)" >> /var/lib/app/reset-tokens
echo "https://app.example.com/reset?token=${token}"
