#!/usr/bin/env bash
# One command for the Rappel benchmark: builds the WAR if needed, starts Payara Micro on embedded
# Derby with a fresh data folder on a free local port, waits until it is ready, runs
# bench/Bench.java against it, stops the server and prints the figures.
#
#   bench/run.sh                          # full scale (about 20-40 minutes on a 2-core machine)
#   bench/run.sh --future 10000 --create-requests 5000 --steady-seconds 30     # a quicker run
#   BENCH_DB=postgresql bench/run.sh       # on PostgreSQL (database rappel_bench, emptied first)
#   BENCH_DB=postgresql BENCH_NODES=2 bench/run.sh   # two clustered nodes on one PostgreSQL
#
# Arguments go to Bench.java (java bench/Bench.java --help lists them). The create scenario runs
# with wrk (bench/create.sh) when wrk is installed, with Bench.java's Java generator otherwise.
# It also prints the time from java -jar to ready, the server's RSS then and after the run, and the
# heap used after a full GC (jcmd). Scale: BENCH_HEAP=512m bench/run.sh --future 1000000 --scenarios burst
# Environment: BENCH_PORT (default: first free port from 18080), BENCH_HEAP (default 1g),
# BENCH_REBUILD=1 to rebuild the WAR, BENCH_TIMEOUT seconds for the whole run (default 3000),
# BENCH_KEEP=1 to keep the data folder and the server log, BENCH_JAVA_OPTS extra JVM options for the
# server (e.g. -Dderby.system.durability=test, to measure what the log flush costs).
# PostgreSQL: BENCH_PG_SERVER (localhost:5432), BENCH_PG_DATABASE (rappel_bench), BENCH_PG_USER and
# BENCH_PG_PASSWORD (rappel/rappel); .ci/postgresql creates that database on a local PostgreSQL.
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

stop_server() {
  for pid in ${SERVER_PIDS[@]+"${SERVER_PIDS[@]}"}; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "Stopping a server (pid $pid)..."
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "Data folders and server logs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
SERVER_PIDS=()
trap stop_server EXIT

DB=${BENCH_DB:-derby}
NODES=${BENCH_NODES:-1}
DB_OPTS=()
if [[ $DB == postgresql ]]; then
  PG_SERVER=${BENCH_PG_SERVER:-localhost:5432}
  PG_DATABASE=${BENCH_PG_DATABASE:-rappel_bench}
  PG_USER=${BENCH_PG_USER:-rappel}
  PG_PASSWORD=${BENCH_PG_PASSWORD:-rappel}
  echo "Emptying PostgreSQL database $PG_DATABASE on $PG_SERVER ..."
  PGPASSWORD=$PG_PASSWORD PGOPTIONS=--client-min-messages=warning psql -q -h "${PG_SERVER%:*}" -p "${PG_SERVER##*:}" -U "$PG_USER" -d "$PG_DATABASE" \
    -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION $PG_USER" >/dev/null
  DB_OPTS=(-Drappel.datasource.class=org.postgresql.ds.PGSimpleDataSource "-Drappel.datasource.server=$PG_SERVER"
    "-Drappel.datasource.database=$PG_DATABASE" "-Drappel.datasource.user=$PG_USER"
    "-Drappel.datasource.password=$PG_PASSWORD")
elif [[ $DB != derby ]]; then
  echo "BENCH_DB is derby or postgresql, not $DB" >&2; exit 1
fi
if (( NODES > 1 )) && [[ $DB != postgresql ]]; then
  echo "Several nodes share one database only on PostgreSQL (BENCH_DB=postgresql)" >&2; exit 1
fi

# node 1 answers the harness on $PORT; the others run the engine beside it on the next free ports
CLUSTER_OPTS=(--nocluster)
GRID_PORTS=()
if (( NODES > 1 )); then
  members=""
  for n in $(seq 1 "$NODES"); do
    for p in $(seq $((26900 + n * 10)) $((26909 + n * 10))); do
      if ! port_in_use "$p"; then GRID_PORTS+=("$p"); break; fi
    done
    members+="${members:+,}127.0.0.1:${GRID_PORTS[$((n - 1))]}"
  done
  CLUSTER_OPTS=(--clustermode "tcpip:$members" --clustername "rappel-bench-$$" --interfaces 127.0.0.1 --nohostaware)
fi

SERVER_PIDS=()
start_node() { # node number, HTTP port
  local n=$1 port=$2 grid=()
  (( NODES > 1 )) && grid=(--name "node$n" --startport "${GRID_PORTS[$((n - 1))]}")
  # shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of options
  java "-Xmx$HEAP" ${BENCH_JAVA_OPTS:-} "-Drappel.data.dir=$WORK/data$n" "-Drappel.admin.password=$ADMIN_PASSWORD" \
    "${DB_OPTS[@]}" -jar "$ROOT/target/payara-micro.jar" "${CLUSTER_OPTS[@]}" "${grid[@]}" \
    --port "$port" --contextroot / --deploy "$ROOT/target/rappel.war" >"$WORK/server$n.log" 2>&1 &
  SERVER_PIDS+=($!)
}
await_ready() { # pid, url
  for _ in $(seq 1 180); do
    if ! kill -0 "$1" 2>/dev/null; then
      echo "A server exited during start-up; last lines of its log:" >&2
      tail -30 "$WORK"/server*.log >&2
      exit 1
    fi
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$2/health/ready" || true) == 200 ]]; then
      return 0
    fi
    sleep 1
  done
  echo "A server was not ready after 180 s" >&2; tail -30 "$WORK"/server*.log >&2; exit 1
}

echo "Starting $NODES Payara Micro node(s) on $DB, harness port $PORT, files in $WORK ..."
mkdir -p "$WORK"
STARTED=$(date +%s%N)
start_node 1 "$PORT"
SERVER_PID=${SERVER_PIDS[0]}
URL="http://localhost:$PORT"
await_ready "$SERVER_PID" "$URL"
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
echo "Start: ready $(( ($(date +%s%N) - STARTED) / 1000000 )) ms after java -jar (polled every second); RSS at ready $(rss_mib "$SERVER_PID") MiB"
for n in $(seq 2 "$NODES"); do
  node_port=""
  for p in $(seq $((PORT + n * 7)) $((PORT + n * 7 + 50))); do
    if ! port_in_use "$p"; then node_port=$p; break; fi
  done
  start_node "$n" "$node_port"
  await_ready "${SERVER_PIDS[$((n - 1))]}" "http://localhost:$node_port"
done
LOG="$WORK/server1.log"
echo "Ready at $URL (node pids ${SERVER_PIDS[*]})"

# A token, not Basic: Basic checks a PBKDF2 hash on every request (slow on purpose), a token is a
# SHA-256 lookup, as integrations that send load are told to use.
TOKEN=$(curl -s -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"bench","role":"ADMIN"}' "$URL/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || { echo "Could not issue an API token for the benchmark" >&2; exit 1; }

# The create scenario runs with wrk when it is installed: the Java generator of Bench.java costs the
# server's cores far more per request. BENCH_CREATE_LOAD=java keeps the Java generator.
ARGS=("$@")
SCENARIOS=burst,steady,create
for ((i = 0; i < ${#ARGS[@]}; i++)); do
  [[ ${ARGS[i]} == --scenarios ]] && SCENARIOS=${ARGS[i + 1]:-}
done
WRK_CREATE=0
if [[ ,$SCENARIOS, == *,create,* && ${BENCH_CREATE_LOAD:-wrk} == wrk ]]; then
  if command -v wrk >/dev/null; then
    WRK_CREATE=1
  else
    echo "wrk is not installed (apt-get install wrk): create is measured with the Java generator of" \
      "Bench.java, which takes more of the machine's CPU than wrk"
  fi
fi
status=0
if ((WRK_CREATE)); then
  OTHERS=$(echo ",$SCENARIOS," | sed 's/,create,/,/; s/^,//; s/,$//')
  FILTERED=()
  for ((i = 0; i < ${#ARGS[@]}; i++)); do
    if [[ ${ARGS[i]} == --scenarios ]]; then i=$((i + 1)); else FILTERED+=("${ARGS[i]}"); fi
  done
  if [[ -n $OTHERS ]]; then
    timeout "$TIMEOUT" java "$ROOT/bench/Bench.java" --url "$URL" --time-limit-s "$((TIMEOUT - 60))" \
      --token "$TOKEN" ${FILTERED[@]+"${FILTERED[@]}"} --scenarios "$OTHERS" || status=$?
  fi
  "$ROOT/bench/create.sh" "$URL" "$TOKEN" || status=$?
else
  timeout "$TIMEOUT" java "$ROOT/bench/Bench.java" --url "$URL" --time-limit-s "$((TIMEOUT - 60))" \
    --token "$TOKEN" "$@" || status=$?
fi
sleep 5
echo "Idle after the run: RSS $(rss_mib "$SERVER_PID") MiB, -Xmx$HEAP"
if command -v jcmd >/dev/null && kill -0 "$SERVER_PID" 2>/dev/null; then
  jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
  # the heap's line under G1, one line per generation under the parallel and serial collectors
  heap=$(jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | grep -iE '(heap|gen|generation) +total' |
    sed 's/ *\[.*//; s/^ *//; s/  */ /g' | paste -sd ';' - || true)
  echo "After a full GC: $heap; RSS $(rss_mib "$SERVER_PID") MiB"
fi
if grep -qiE 'SEVERE|OutOfMemory' "$LOG"; then
  echo "Server log errors (first 10):"
  grep -iE 'SEVERE|OutOfMemory' "$LOG" | head -10
fi
exit "$status"
