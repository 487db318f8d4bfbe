#!/usr/bin/env bash
# One command for the Rappel benchmark: builds the WAR if needed, starts Payara Micro on embedded
# Derby with a fresh data folder on a free local port, waits until it is ready, runs
# bench/Bench.java against it, stops the server and prints the figures.
#
#   bench/run.sh                          # full scale (about 20-40 minutes on a 2-core machine)
#   bench/run.sh --future 10000 --create-requests 5000 --steady-seconds 30     # a quicker run
#
# Arguments go to Bench.java (java bench/Bench.java --help lists them).
# Environment: BENCH_PORT (default: first free port from 18080), BENCH_HEAP (default 1g),
# BENCH_REBUILD=1 to rebuild the WAR, BENCH_TIMEOUT seconds for the whole run (default 3000),
# BENCH_KEEP=1 to keep the data folder and the server log, BENCH_JAVA_OPTS extra JVM options for the
# server (e.g. -Dderby.system.durability=test, to measure what the log flush costs).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
TIMEOUT=${BENCH_TIMEOUT:-3000}
HEAP=${BENCH_HEAP:-1g}

if [[ ${BENCH_REBUILD:-0} == 1 || ! -f target/rappel.war || ! -f target/payara-micro.jar ]]; then
  echo "Building the WAR (mvn package, tests skipped)..."
  mvn -q -B package -DskipTests -Dspotless.check.skip=true
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${BENCH_PORT:-}
if [[ -z $PORT ]]; then
  for p in $(seq 18080 18180); do
    if ! port_in_use "$p"; then PORT=$p; break; fi
  done
fi
[[ -n $PORT ]] || { echo "No free port found in 18080-18180" >&2; exit 1; }
if port_in_use "$PORT"; then echo "Port $PORT is in use" >&2; exit 1; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rappel-bench.XXXXXX")
# the first administrator of the fresh database (servers with access control); ignored by others
ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
LOG="$WORK/server.log"
SERVER_PID=""

stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "Stopping the server (pid $SERVER_PID)..."
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "Data folder and server log kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap stop_server EXIT

echo "Starting Payara Micro on port $PORT, data in $WORK/data ..."
# shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of options
java "-Xmx$HEAP" ${BENCH_JAVA_OPTS:-} "-Drappel.data.dir=$WORK/data" "-Drappel.admin.password=$ADMIN_PASSWORD" -jar "$ROOT/target/payara-micro.jar" \
  --nocluster --port "$PORT" --contextroot / --deploy "$ROOT/target/rappel.war" >"$LOG" 2>&1 &
SERVER_PID=$!

URL="http://localhost:$PORT"
ready=0
for _ in $(seq 1 180); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "The server exited during start-up; last lines of its log:" >&2
    tail -30 "$LOG" >&2
    exit 1
  fi
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "$URL/health/ready" || true) == 200 ]]; then
    ready=1
    break
  fi
  sleep 1
done
[[ $ready == 1 ]] || { echo "The server was not ready after 180 s" >&2; tail -30 "$LOG" >&2; exit 1; }
echo "Server ready at $URL (pid $SERVER_PID)"

# A token, not Basic: Basic checks a PBKDF2 hash on every request (slow on purpose), a token is a
# SHA-256 lookup, as integrations that send load are told to use.
TOKEN=$(curl -s -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"bench","role":"ADMIN"}' "$URL/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || { echo "Could not issue an API token for the benchmark" >&2; exit 1; }

status=0
timeout "$TIMEOUT" java "$ROOT/bench/Bench.java" --url "$URL" --time-limit-s "$((TIMEOUT - 60))" \
  --token "$TOKEN" "$@" || status=$?
if grep -qiE 'SEVERE|OutOfMemory' "$LOG"; then
  echo "Server log errors (first 10):"
  grep -iE 'SEVERE|OutOfMemory' "$LOG" | head -10
fi
exit "$status"
