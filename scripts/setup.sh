#!/usr/bin/env bash
# Installs what Wayfinder needs beyond the .NET SDK on a fresh Debian machine: fontconfig and DejaVu fonts
# for the PNG/PDF renderings. Idempotent and quiet when everything is there.
set -euo pipefail
need=()
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]} (needed for PNG and PDF renderings)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
