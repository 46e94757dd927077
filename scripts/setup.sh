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

# Mermaid's own parser (npm mermaid, under jsdom) checks the Mermaid journey exports in the tests.
# Installed from tests/mermaid-check/package-lock.json; again whenever the lock file is newer than the install.
check="$(cd "$(dirname "$0")/.." && pwd)/tests/mermaid-check"
if ! command -v npm >/dev/null 2>&1; then
  echo "installing nodejs and npm (needed by the Mermaid parser check)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -f "$check/node_modules/.package-lock.json" ] || [ "$check/package-lock.json" -nt "$check/node_modules/.package-lock.json" ]; then
  echo "installing Mermaid's parser for the Mermaid check (npm ci in tests/mermaid-check)" >&2
  npm ci --prefix "$check" --no-audit --no-fund --loglevel=error >/dev/null
fi
