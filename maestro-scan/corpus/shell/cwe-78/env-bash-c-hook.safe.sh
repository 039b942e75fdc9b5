#!/usr/bin/env bash
set -euo pipefail

artifact="${ARTIFACT_NAME:-app}"
version="$(cat VERSION)"
tar -czf "dist/${artifact}-${version}.tgz" build/ && sha256sum "dist/${artifact}-${version}.tgz"
