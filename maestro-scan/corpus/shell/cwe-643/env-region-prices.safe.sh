#!/usr/bin/env bash
set -euo pipefail

region="${PRICE_REGION:-eu}"
case "$region" in eu|us|apac) ;; *) region="eu" ;; esac
xmllint --xpath "//price[@region=\"${region}\"]/text()" /srv/data/prices.xml
