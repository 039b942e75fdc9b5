#!/usr/bin/env bash
set -euo pipefail

report="${1:?usage: render-report REPORT.xml}"
xmllint --nonet --dropdtd --output /tmp/report.resolved.xml "$report"
xsltproc --nonet /etc/reports/html.xsl /tmp/report.resolved.xml > report.html
