#!/usr/bin/env bash
set -euo pipefail

phone="${1:?usage: send-otp PHONE}"
code="$(shuf -i 0-999999 -n 1 --random-source=/dev/urandom)"
code="$(printf '%06d' "$code")"
echo "$code" > "/run/otp/${phone//[^0-9]/}"
sms-send "$phone" "Your verification code is $code"
