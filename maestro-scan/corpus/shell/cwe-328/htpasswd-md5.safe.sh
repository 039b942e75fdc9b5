#!/usr/bin/env bash
set -euo pipefail

user="${1:?usage: add-dashboard-user USER PASSWORD}"
pass="${2:?usage: add-dashboard-user USER PASSWORD}"
htpasswd -b -B -C 12 /etc/nginx/dashboard.htpasswd "$user" "$pass"
systemctl reload nginx
