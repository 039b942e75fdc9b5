#!/usr/bin/env bash
set -euo pipefail

task="${1:?usage: run-as-app TASK}"
case "$task" in
  db:migrate|assets:precompile|cache:clear) ;;
  *) echo "task not allowed: $task" >&2; exit 1 ;;
esac
su -s /bin/bash app -c "cd /srv/app && bin/rake $task"
