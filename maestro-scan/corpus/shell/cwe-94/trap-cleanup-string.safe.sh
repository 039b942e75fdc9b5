#!/usr/bin/env bash
set -euo pipefail

job_name="${1:?usage: run-job NAME}"
workdir="$(mktemp -d)"
cleanup() {
  rm -rf "$workdir"
  echo "finished $job_name"
}
trap cleanup EXIT
cd "$workdir"
/opt/jobs/bin/run "$job_name"
