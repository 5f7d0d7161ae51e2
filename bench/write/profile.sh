#!/usr/bin/env bash
# Thread-time profile of the write path: runs bench/write/run.js (SQLite, 32 clients) and, while its writes run, records
# the Api with dotnet-trace (the dotnet tool pinned in dotnet-tools.json), then prints where a write's milliseconds go.
#
#   bash bench/write/profile.sh [output-directory]
#
# The bench measures its floor first and its writes second, --seconds 20 each; tracing starts 8 s into the writes and
# lasts 10 s. The write count of the traced window is taken from the bench's own rate (writes/s × 10 s).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/bench/write/profile-output}"
mkdir -p "$OUT"
cd "$ROOT"
dotnet tool restore >/dev/null
REGISTRY_E2E_SKIP_BUILD="${REGISTRY_E2E_SKIP_BUILD:-0}" node bench/write/run.js --clients 32 --seconds 20 --repeats 1 --out "$OUT/bench.json" > "$OUT/bench.log" 2>&1 &
BENCH=$!
# Wait for the Api the bench started, then for its write phase (the floor runs first, for 20 s).
for _ in $(seq 1 300); do
  PID="$(pgrep -P "$BENCH" -f 'ModelRegistry.Api.dll' | head -n 1 || true)"
  [[ -n "$PID" ]] && break
  sleep 1
done
[[ -n "${PID:-}" ]] || { echo "the Api did not start" >&2; exit 1; }
sleep 28
dotnet dotnet-trace collect -p "$PID" --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o "$OUT/write.nettrace" > "$OUT/trace.log" 2>&1
wait "$BENCH"
dotnet dotnet-trace convert "$OUT/write.nettrace" --format speedscope -o "$OUT/write" > /dev/null
RATE="$(node -e "const r=require(process.argv[1]);console.log(r.summary[0].writesPerSecond)" "$OUT/bench.json")"
echo "bench: $(head -n 1 "$OUT/bench.log")"
node bench/write/profile-summary.js "$OUT/write.speedscope.json" "$(node -e "console.log(Math.round(${RATE} * 10))")"
