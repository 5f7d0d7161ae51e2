#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: created in a folder, reachable on loopback only, removed with it.
#
#   scripts/postgres.sh start DIR    creates (or finds running) a cluster in DIR on a free 127.0.0.1 port, waits until
#                                    it accepts connections, writes the admin connection string to DIR/connection-string
#                                    and prints it as the only line on stdout
#   scripts/postgres.sh stop DIR     stops that cluster (fast shutdown) and removes DIR; nothing to do when DIR is gone
#   scripts/postgres.sh status DIR   exit 0 and print the connection string when the cluster in DIR is running
#
# The admin role is "postgres" with trust authentication: acceptable only because the server listens on 127.0.0.1
# and on a unix socket inside DIR, and lives as long as the test run. initdb refuses to run as root, so as root the
# cluster runs as the "postgres" user. The locale is C.UTF-8, so that ordering does not depend on the machine.
# The cluster is not durable (fsync off): it exists for tests and is discarded; REGISTRY_PG_DURABLE=1 keeps the
# server's durable defaults, e.g. for a benchmark that should count flushes.
set -euo pipefail

PG_BIN="${REGISTRY_PG_BIN:-/usr/lib/postgresql/15/bin}"
MARKER=".registry-throwaway-cluster"

fail() {
  echo "postgres.sh: $*" >&2
  exit 1
}

note() {
  echo "postgres.sh: $*" >&2
}

usage() {
  echo "usage: $0 start|stop|status DIR" >&2
  exit 2
}

# Runs a PostgreSQL binary as the cluster's owner: "postgres" when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f $DIR/data/PG_VERSION ]] && as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A port nobody listens on now; the server start below retries with another one if it loses the race.
pick_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  fail "found no free loopback port after 50 tries"
}

connection_string() {
  echo "Host=127.0.0.1;Port=$1;Username=postgres"
}

start() {
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] ||
    fail "PostgreSQL 15 binaries are missing in $PG_BIN (apt-get install -y postgresql-15, or run scripts/prerequisites.sh)"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || fail "running as root needs the 'postgres' user (initdb refuses root); it comes with the postgresql-15 package"
  fi

  if is_running; then
    [[ -f $DIR/connection-string ]] || fail "a cluster runs in $DIR but $DIR/connection-string is missing; stop it first"
    cat "$DIR/connection-string"
    return 0
  fi

  if [[ -e $DIR && ! -f $DIR/$MARKER ]] && [[ -n $(ls -A "$DIR" 2>/dev/null) ]]; then
    fail "$DIR exists and is not empty; give a new or empty folder"
  fi
  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"
  touch "$DIR/$MARKER"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres "$DIR"
    runuser -u postgres -- test -w "$DIR" ||
      fail "the postgres user cannot write $DIR (a parent folder is closed to it; use a folder under /tmp made with mktemp -d)"
  fi

  if [[ ! -f $DIR/data/PG_VERSION ]]; then
    rm -rf "$DIR/data"
    as_owner "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --locale=C.UTF-8 -E UTF8 --no-sync \
      >"$DIR/initdb.log" 2>&1 || fail "initdb failed:
$(tail -n 20 "$DIR/initdb.log")"
  fi

  local options attempt port
  # Enough connections for two replicas' pools plus a test host per test class; one database per test host.
  options="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c max_connections=300"
  if [[ ${REGISTRY_PG_DURABLE:-0} != 1 ]]; then
    options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  for attempt in 1 2 3 4 5; do
    port="$(pick_port)"
    if as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -o "-p $port $options" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    if ((attempt == 5)) || ! grep -q "could not bind\|Address already in use" "$DIR/postgres.log" 2>/dev/null; then
      fail "the server did not start:
$(tail -n 20 "$DIR/postgres.log" 2>/dev/null)"
    fi
    note "port $port was taken meanwhile; trying another"
  done

  local deadline=$((SECONDS + 60))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; do
    ((SECONDS < deadline)) || fail "the server on port $port did not accept connections within 60 s"
    sleep 0.2
  done

  echo "$port" >"$DIR/port"
  connection_string "$port" >"$DIR/connection-string"
  note "PostgreSQL $(as_owner "$PG_BIN/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1) listens on 127.0.0.1:$port (data in $DIR/data, log $DIR/postgres.log)"
  cat "$DIR/connection-string"
}

stop() {
  if [[ ! -e $DIR ]]; then
    return 0
  fi
  [[ -f $DIR/$MARKER ]] || fail "$DIR holds no cluster this script created; not touching it"
  if is_running; then
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null ||
      fail "pg_ctl stop failed; the server log is $DIR/postgres.log"
  fi
  rm -rf "$DIR"
}

status() {
  is_running || { echo "postgres.sh: no cluster runs in $DIR" >&2; return 1; }
  cat "$DIR/connection-string"
}

[[ $# -eq 2 ]] || usage
COMMAND="$1"
DIR="$2"
[[ -n $DIR && $DIR != / ]] || fail "DIR must be a folder of its own"

case "$COMMAND" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
