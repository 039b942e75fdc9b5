#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: reset-link USER}"
token="$(date +%s%N | md5sum | cut -c1-32)"
echo "$user $token $(date +%s)" >> /var/lib/app/reset-tokens
echo "https://app.example.com/reset?token=${token}"
