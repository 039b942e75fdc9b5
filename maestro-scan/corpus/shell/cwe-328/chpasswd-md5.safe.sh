#!/usr/bin/env bash
# Sets initial passwords from a "user:password" list on stdin.
set -euo pipefail

chpasswd -c SHA512 -s 100000
echo "passwords updated"
