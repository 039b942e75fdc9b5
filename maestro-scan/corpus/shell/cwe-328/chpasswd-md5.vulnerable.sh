#!/usr/bin/env bash
# Sets initial passwords from a "user:password" list on stdin.
set -euo pipefail

chpasswd -c MD5
echo "passwords updated"
