#!/usr/bin/env bash
set -euo pipefail

chars='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
key=""
for _ in $(seq 1 32); do
  key+="${chars:RANDOM % ${#chars}:1}"
done
echo "API_KEY=${key}" >> .env.production
