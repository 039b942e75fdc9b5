#!/usr/bin/env bash
set -euo pipefail

chars='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
key="$(LC_ALL=C tr -dc "$chars" < /dev/urandom | head -c 32)"
echo "API_KEY=${key}" >> .env.production
