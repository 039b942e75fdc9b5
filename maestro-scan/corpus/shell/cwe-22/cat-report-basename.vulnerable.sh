#!/usr/bin/env bash
set -euo pipefail

reports="/srv/reports"
name="${1:?usage: show-report NAME}"
cat "$reports/$name"
