#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, into git-ignored folders of this repo:
# the npm test servers (Chroma, dynalite, PGlite+pgvector) and the Arrow JS interop reader.
# Idempotent: a folder whose lock file has not changed since the last install is left alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

install_npm_folder() {
  local dir="$1"
  [ -f "$dir/package.json" ] || return 0
  local stamp="$dir/node_modules/.ferry-installed"
  if [ -f "$stamp" ] && [ -f "$dir/package-lock.json" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "install-test-deps: $dir is up to date"
    return 0
  fi
  echo "install-test-deps: npm ci in $dir"
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  cp "$dir/package-lock.json" "$stamp"
}

command -v node >/dev/null || { echo "install-test-deps: node is required (Node.js 20+)" >&2; exit 1; }
for dir in "$root"/tests/servers "$root"/tests/interop; do
  install_npm_folder "$dir"
done
