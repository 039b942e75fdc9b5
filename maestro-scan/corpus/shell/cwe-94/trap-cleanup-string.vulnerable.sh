#!/usr/bin/env bash
set -euo pipefail

job_name="${1:?usage: run-job NAME}"
workdir="$(mktemp -d)"
trap "rm -rf $workdir; echo finished $job_name" EXIT
cd "$workdir"
/opt/jobs/bin/run "$job_name"
