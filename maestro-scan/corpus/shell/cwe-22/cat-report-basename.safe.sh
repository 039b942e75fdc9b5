#!/usr/bin/env bash
set -euo pipefail

reports="/srv/reports"
name="$(basename -- "${1:?usage: show-report NAME}")"
cat "$reports/$name"
