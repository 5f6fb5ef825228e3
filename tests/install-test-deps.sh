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
  echo "install-test-deps: installing $dir"
  # npm ci is the reproducible path; npm 11 refuses some lock files it wrote itself (optional
  # platform packages such as chromadb's bindings), and then a lock-respecting npm install does it.
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "install-test-deps: npm ci refused $dir; installing from the lock with npm install"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  cp "$dir/package-lock.json" "$stamp"
}

# PostgreSQL server binaries (Debian's postgresql-15) for the Postgres connector's tests, which start a throwaway
# cluster of their own (initdb into a temporary folder, 127.0.0.1 only). No default cluster is created or started.
install_postgres() {
  if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || [ -n "${FERRY_PG_BIN:-}" ]; then
    echo "install-test-deps: PostgreSQL server binaries are present"
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "install-test-deps: PostgreSQL 15 is missing; install the postgresql-15 package (or set FERRY_PG_BIN)" >&2
    exit 1
  fi
  echo "install-test-deps: apt-get install postgresql-15"
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/ferry-no-main-cluster.conf
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
}

install_postgres
command -v node >/dev/null || { echo "install-test-deps: node is required (Node.js 20+)" >&2; exit 1; }
for dir in "$root"/tests/servers "$root"/tests/interop; do
  install_npm_folder "$dir"
done
