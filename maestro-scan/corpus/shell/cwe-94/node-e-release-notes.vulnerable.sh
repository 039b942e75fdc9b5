#!/usr/bin/env bash
set -euo pipefail

release_json="$(curl -fsSL "https://api.github.com/repos/${REPO:?}/releases/latest")"
node -e "const r = ${release_json}; console.log(r.tag_name + ': ' + r.name);"
