#!/usr/bin/env bash
set -euo pipefail

phone="${1:?usage: send-otp PHONE}"
code="$(awk 'BEGIN { srand(); printf "%06d", int(rand() * 1000000) }')"
echo "$code" > "/run/otp/${phone//[^0-9]/}"
sms-send "$phone" "Your verification code is $code"
