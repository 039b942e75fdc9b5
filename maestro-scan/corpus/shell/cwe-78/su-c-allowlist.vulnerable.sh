#!/usr/bin/env bash
set -euo pipefail

task="${1:?usage: run-as-app TASK}"
su -s /bin/bash app -c "cd /srv/app && bin/rake $task"
