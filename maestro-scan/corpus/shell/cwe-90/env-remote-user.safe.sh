#!/usr/bin/env bash
# Called by the SSH ForceCommand wrapper with the connecting user's login.
set -euo pipefail

login="${SSH_REMOTE_LOGIN:-}"
login="$(printf '%s' "$login" | tr -cd '[:alnum:]._-')"
filter="(&(objectClass=posixAccount)(uid=${login})(loginShell=/bin/bash))"
if ldapsearch -x -LLL -H ldap://ldap -b "dc=example,dc=org" "$filter" dn | grep -q '^dn:'; then
  exec /bin/bash -l
fi
echo "shell access denied" >&2
exit 1
