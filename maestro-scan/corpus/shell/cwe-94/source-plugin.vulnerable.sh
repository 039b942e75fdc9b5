#!/usr/bin/env bash
set -euo pipefail

plugin="${1:?usage: run-plugin NAME}"
plugin_dir="/opt/tool/plugins"
# shellcheck source=/dev/null
source "$plugin_dir/$plugin.sh"
plugin_main
