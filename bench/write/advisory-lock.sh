#!/usr/bin/env bash
# What the PostgreSQL write lock costs per write: pgbench runs an empty transaction with a trivial statement, then the
# same transaction taking the registry's transaction-level advisory lock, for the given seconds each, at 1 client and
# at 8 (where the lock also serialises). The difference in per-transaction latency is the lock's price.
#
#   bash bench/write/advisory-lock.sh "host=127.0.0.1 port=5432 user=postgres dbname=postgres" [seconds]
set -euo pipefail
CONNINFO="${1:?usage: advisory-lock.sh <libpq conninfo> [seconds]}"
SECONDS_EACH="${2:-10}"
PGBENCH=/usr/lib/postgresql/15/bin/pgbench
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
printf 'BEGIN;\nSELECT 1;\nCOMMIT;\n' > "$DIR/plain.sql"
# The key the registry's PostgresWriteLock takes ("MRWRITE").
printf 'BEGIN;\nSELECT pg_advisory_xact_lock(21764108202890309);\nCOMMIT;\n' > "$DIR/locked.sql"
for clients in 1 8; do
  for script in plain locked; do
    out="$("$PGBENCH" -n -M prepared -c "$clients" -j 1 -T "$SECONDS_EACH" -f "$DIR/$script.sql" "$CONNINFO" 2>/dev/null)"
    echo "clients=$clients script=$script latency_ms=$(awk '/latency average/ { print $4 }' <<<"$out") tps=$(awk '/^tps/ { print $3; exit }' <<<"$out")"
  done
done
