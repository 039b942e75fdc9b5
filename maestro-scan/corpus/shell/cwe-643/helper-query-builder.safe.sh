#!/usr/bin/env bash
set -euo pipefail

book_query() {
  printf "//book[isbn='%s']/title/text()" "$1"
}

isbn="${1:?usage: title ISBN}"
isbn="${isbn//[^0-9X-]/}"
xmllint --xpath "$(book_query "$isbn")" /srv/library/catalog.xml
