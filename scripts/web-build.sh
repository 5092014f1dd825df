#!/usr/bin/env bash
# web-build.sh — build the front end into web/dist, only when a source file is newer than it.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=dist/index.html
if [ -f "$stamp" ] && [ -z "$(find src index.html vite.config.* package.json public -newer "$stamp" 2>/dev/null | head -1)" ]; then
  exit 0
fi
echo "web: vite build"
npm run --silent build
