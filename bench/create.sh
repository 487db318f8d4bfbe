#!/usr/bin/env bash
# Create throughput with wrk (Debian package "wrk"): 2 threads, 16 connections, every request a new
# callback, token authentication; an unmeasured warm-up first (Payara's JIT needs tens of thousands
# of requests before the rate settles), then the measured run. Prints requests/s, p50/p90/p99/max
# latency and the count of non-2xx answers and socket errors.
#
#   bench/create.sh URL TOKEN        (bench/run.sh calls it for the create scenario when wrk is installed)
#
# Environment: BENCH_WRK_WARMUP seconds of warm-up (default 120), BENCH_WRK_SECONDS measured seconds
# (default 60), BENCH_WRK_THREADS (2), BENCH_WRK_CONNECTIONS (16).
set -euo pipefail
URL=$1
TOKEN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
WARMUP=${BENCH_WRK_WARMUP:-120}
SECONDS_MEASURED=${BENCH_WRK_SECONDS:-60}
THREADS=${BENCH_WRK_THREADS:-2}
CONNECTIONS=${BENCH_WRK_CONNECTIONS:-16}

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed (apt-get install wrk)" >&2
  exit 3
fi
QUEUE=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench-wrk-$(date +%s)\"}" "$URL/api/v1/queues" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
[[ -n $QUEUE ]] || { echo "Could not create the queue for the create benchmark" >&2; exit 1; }
FIRST_DUE=$(($(date +%s) + 7 * 86400))

echo
echo "== (a) create with wrk: $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up, ${SECONDS_MEASURED} s measured"
if ((WARMUP > 0)); then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/create.lua" "$URL" -- "$QUEUE" "$TOKEN" "$FIRST_DUE" warm |
    sed -n 's/^RESULT /  warm-up: /p'
fi
OUT=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" --latency -s "$HERE/create.lua" "$URL" -- "$QUEUE" "$TOKEN" "$FIRST_DUE" create)
echo "$OUT" | grep -E '^\s+(Latency|Req/Sec)|Non-2xx|Socket errors' || true
RESULT=$(echo "$OUT" | sed -n 's/^RESULT //p')
echo "  measured: $RESULT"
get() { echo "$RESULT" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
printf '\n%-12s %-28s %s\n' "(a) create" "wrk requests/s" "$(get rate) (target >= 1500)"
printf '%-12s %-28s %s / %s / %s ms (target p99 <= 50)\n' "(a) create" "latency p50 / p99 / max" "$(get p50_ms)" "$(get p99_ms)" "$(get max_ms)"
printf '%-12s %-28s %s non-2xx, %s socket errors (target 0)\n' "(a) create" "errors" "$(get non2xx)" \
  "$(($(get connect_errors) + $(get read_errors) + $(get write_errors) + $(get timeouts)))"
