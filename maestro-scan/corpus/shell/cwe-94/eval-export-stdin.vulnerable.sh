#!/usr/bin/env bash
# Loads KEY=VALUE pairs printed by the secrets helper into the environment.
set -euo pipefail

while IFS='=' read -r name value; do
  eval "export ${name}=${value}"
done < <(vault-env-helper --format dotenv)
exec "$@"
