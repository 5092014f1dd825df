#!/usr/bin/env bash
# deps.sh — install what yici needs to build, run and test, and nothing when all is present.
# Debian 12 packages through apt-get; front-end packages through `npm ci` in web/.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
  build-essential cmake pkg-config clang clang-format
  libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libsodium-dev libpq-dev
  libcmocka-dev libcurl4-openssl-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk
  libqrencode-dev libmagic-dev libpcre2-dev zlib1g-dev poppler-utils
  postgresql postgresql-contrib nginx chromium wrk curl ca-certificates
)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  PKGS+=(nodejs npm)
fi

missing=()
for p in "${PKGS[@]}"; do
  st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$st" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  # The postgresql package starts a system cluster; yici starts its own throw-away clusters.
fi

# Front end: npm ci only when node_modules is missing or older than the lock file.
if [ -f web/package-lock.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    echo "deps: npm ci in web/"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
