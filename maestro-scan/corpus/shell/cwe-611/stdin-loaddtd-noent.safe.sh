#!/usr/bin/env bash
# Pretty-prints the XML document piped in by the webhook relay.
set -euo pipefail

xmllint --nonet --format -
