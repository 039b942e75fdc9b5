#!/usr/bin/env bash
# Loads KEY=VALUE pairs printed by the secrets helper into the environment.
set -euo pipefail

while IFS='=' read -r name value; do
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
  export "${name}=${value}"
done < <(vault-env-helper --format dotenv)
exec "$@"
