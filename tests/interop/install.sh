#!/usr/bin/env bash
# Installs the pinned Arrow JS library (package-lock.json) into tests/interop/node_modules.
# The Ferry.Arrow interop tests run `node tests/interop/read-arrow.mjs FILE` and need it.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
