#!/usr/bin/env bash
set -euo pipefail

secret="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
install -m 600 /dev/null /etc/app/session.key
printf '%s\n' "$secret" > /etc/app/session.key
systemctl restart app
