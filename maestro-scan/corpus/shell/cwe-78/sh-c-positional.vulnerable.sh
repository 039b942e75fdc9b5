#!/usr/bin/env bash
set -euo pipefail

src="${1:?usage: thumb IMAGE}"
timeout 30 sh -c "convert $src -resize 200x200 /srv/thumbs/out.png"
