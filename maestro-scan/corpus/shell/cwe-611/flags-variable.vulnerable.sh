#!/usr/bin/env bash
set -euo pipefail

XMLLINT_FLAGS=(--noent --loaddtd --huge)
doc="${INPUT_XML:?INPUT_XML must point at the document}"
xmllint "${XMLLINT_FLAGS[@]}" --xpath "count(//record)" "$doc"
