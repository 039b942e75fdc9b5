#!/usr/bin/env bash
set -euo pipefail

upload="${1:?usage: check-invoice FILE}"
xmllint --noent --xpath "string(//InvoiceNumber)" "$upload"
echo
