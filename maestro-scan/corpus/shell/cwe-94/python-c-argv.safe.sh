#!/usr/bin/env bash
set -euo pipefail

title="${1:?usage: slugify TITLE}"
python3 -c "import re, sys; print(re.sub(r'[^a-z0-9]+', '-', sys.argv[1].lower()).strip('-'))" "$title"
