#!/usr/bin/env bash
set -euo pipefail

title="${1:?usage: slugify TITLE}"
python3 -c "import re; print(re.sub(r'[^a-z0-9]+', '-', '$title'.lower()).strip('-'))"
