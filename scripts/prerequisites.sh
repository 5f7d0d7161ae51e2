#!/usr/bin/env bash
# Makes sure this machine has what the test suites need, and installs what is missing.
# Safe to run again: it changes nothing when everything is present.
# Debian packages are installed only when missing and only as root; otherwise it says what to install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the suites rely on, as "file-or-command:package".
# Chromium runs the IDE suite; Prometheus (with promtool) serves the drift end-to-end test, scrapes /metrics in the
# metrics end-to-end test and checks and unit-tests the alert rules (deploy/); PostgreSQL 15 is the
# throwaway cluster (scripts/postgres.sh) of the API suite's second run and of the replica suite, where nginx stands
# in front of two API processes; its pg_dump and pg_restore (postgresql-client-15) back the dump-and-restore test.
# Python 3 runs the audit export's documented verifier (docs/verify_audit.py) in the CLI suite.
APT_PACKAGES=(
  "/usr/bin/chromium:chromium"
  "/usr/bin/prometheus:prometheus"
  "/usr/lib/postgresql/15/bin/initdb:postgresql-15"
  "/usr/lib/postgresql/15/bin/pg_restore:postgresql-client-15"
  "python3:python3"
  "/usr/sbin/nginx:nginx"
)

fail() {
  echo "prerequisites: $*" >&2
  exit 1
}

present() {
  if [[ $1 == /* ]]; then [[ -x $1 ]]; else command -v "$1" >/dev/null 2>&1; fi
}

check_dotnet() {
  present dotnet || fail "the .NET SDK 10 is missing (dotnet is not on PATH)"
  local major
  major="$(dotnet --version | cut -d. -f1)"
  ((major >= 10)) || fail "the .NET SDK 10 or later is required, found $(dotnet --version)"
}

check_node() {
  present node || fail "Node.js 20 or later is missing (node is not on PATH)"
  present npm || fail "npm is missing (it ships with Node.js)"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  ((major >= 20)) || fail "Node.js 20 or later is required, found $(node --version)"
}

install_apt_packages() {
  local missing=() entry
  for entry in "${APT_PACKAGES[@]}"; do
    present "${entry%%:*}" || missing+=("${entry#*:}")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -ne 0 ]] || ! present apt-get; then
    fail "missing Debian packages: ${missing[*]} (as root: apt-get update && apt-get install -y ${missing[*]})"
  fi
  echo "prerequisites: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_e2e_packages() {
  local dir="$ROOT/tests/e2e"
  local marker="$dir/node_modules/.package-lock.json"
  if [[ ! -f $marker || $dir/package-lock.json -nt $marker || $dir/package.json -nt $marker ]]; then
    echo "prerequisites: npm ci in tests/e2e"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # The artifact store tests start Azurite (a devDependency of tests/e2e) for the AzureBlob store.
  [[ -x $dir/node_modules/.bin/azurite-blob ]] || fail "azurite-blob is missing from tests/e2e/node_modules after npm ci"
}

# initdb refuses to run as root, so scripts/postgres.sh runs the cluster as the "postgres" user the package creates.
check_postgres_user() {
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    fail "the 'postgres' user is missing (it comes with postgresql-15; scripts/postgres.sh runs the cluster as it when root)"
  fi
}

check_dotnet
check_node
install_apt_packages
check_postgres_user
install_e2e_packages
