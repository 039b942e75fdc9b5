#!/usr/bin/env bash
set -euo pipefail

upload="${1:?usage: check-invoice FILE}"
xmllint --nonet --xpath "string(//InvoiceNumber)" "$upload"
echo
