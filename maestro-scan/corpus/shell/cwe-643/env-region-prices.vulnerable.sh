#!/usr/bin/env bash
set -euo pipefail

region="${PRICE_REGION:-eu}"
xmllint --xpath "//price[@region=\"${region}\"]/text()" /srv/data/prices.xml
