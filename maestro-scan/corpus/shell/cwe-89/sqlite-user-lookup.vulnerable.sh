#!/usr/bin/env bash
set -euo pipefail

db="/var/lib/app/users.db"
user="${1:?usage: user-info USERNAME}"

sqlite3 -header -column "$db" \
  "SELECT id, email, created_at FROM users WHERE username = '$user';"
