#!/usr/bin/env bash
# Rappel beside the schedulers people would pick instead, one after the other on the same machine:
# the same burst (10,000 jobs due at one instant, 100,000 more pending a week ahead) on Rappel
# (bench/run.sh --scenarios burst --burst-spread-ms 0), on db-scheduler and on Quartz (JDBC job
# store), each in its own JVM with the same heap, on embedded Derby (a fresh folder each) and, when
# it answers, on PostgreSQL (database rappel_bench, emptied before each run). Prints one table per
# database with the ratios Rappel/peer and writes a plot (PNG) of the bursts. Then, on the same
# running server or scheduler with the same pending jobs, a steady load (100 due per second for 60 s,
# Rappel's steady scenario): a second table per database and a second plot (burst-steady.png).
#
#   bench/compare.sh                                   # full scale
#   BENCH_COMPARE_JOBS=2000 BENCH_COMPARE_PENDING=10000 bench/compare.sh   # a quicker run
#
# Environment: BENCH_COMPARE_DBS ("derby postgresql" by default; PostgreSQL is skipped when it does
# not answer), BENCH_COMPARE_SYSTEMS ("rappel db-scheduler quartz"), BENCH_COMPARE_JOBS (10000),
# BENCH_COMPARE_PENDING (100000), BENCH_COMPARE_WARMUP (0: with N, every system first delivers a
# warm-up burst of N due at one instant, so the measured burst runs on JIT-compiled code, as on a
# server that has delivered before; 0 measures the first burst of a fresh JVM),
# BENCH_COMPARE_LIMIT_S (120: a job not fired by then is a miss), BENCH_COMPARE_STEADY_RATE (100
# jobs due per second; 0 skips the steady load), BENCH_COMPARE_STEADY_S (60 seconds of it),
# BENCH_COMPARE_OUT (folder of the results, default target/compare), BENCH_COMPARE_PNG (default
# $BENCH_COMPARE_OUT/burst.png), BENCH_HEAP (1g, for every system), and bench/run.sh's BENCH_PG_*.
# Needs Maven (it resolves the peers' libraries once, bench/peers/pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HEAP=${BENCH_HEAP:-1g}
JOBS=${BENCH_COMPARE_JOBS:-10000}
PENDING=${BENCH_COMPARE_PENDING:-100000}
WARMUP=${BENCH_COMPARE_WARMUP:-0}
LIMIT=${BENCH_COMPARE_LIMIT_S:-120}
STEADY_RATE=${BENCH_COMPARE_STEADY_RATE:-100}
STEADY_S=${BENCH_COMPARE_STEADY_S:-60}
OUT=${BENCH_COMPARE_OUT:-$ROOT/target/compare}
PNG=${BENCH_COMPARE_PNG:-$OUT/burst.png}
SYSTEMS=${BENCH_COMPARE_SYSTEMS:-rappel db-scheduler quartz}
PG_SERVER=${BENCH_PG_SERVER:-localhost:5432}
PG_DATABASE=${BENCH_PG_DATABASE:-rappel_bench}
PG_USER=${BENCH_PG_USER:-rappel}
PG_PASSWORD=${BENCH_PG_PASSWORD:-rappel}
# the commit measured, read before the runs (a commit made while they run would be misreported)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: >"$RESULTS"

PEERS=$ROOT/bench/peers
if [[ ! -f $PEERS/target/classpath.txt || $PEERS/pom.xml -nt $PEERS/target/classpath.txt ]]; then
  echo "Resolving the peers' libraries (bench/peers/pom.xml)..."
  (cd "$PEERS" && mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null)
fi
CP=$(cat "$PEERS/target/classpath.txt")
mkdir -p "$PEERS/target/classes"
javac -nowarn -cp "$CP" -d "$PEERS/target/classes" "$PEERS"/src/main/java/*.java

DBS=${BENCH_COMPARE_DBS:-derby postgresql}
pg_answers() {
  PGPASSWORD=$PG_PASSWORD psql -q -h "${PG_SERVER%:*}" -p "${PG_SERVER##*:}" -U "$PG_USER" -d "$PG_DATABASE" \
    -c 'SELECT 1' >/dev/null 2>&1
}

for db in $DBS; do
  if [[ $db == postgresql ]] && ! pg_answers; then
    echo "PostgreSQL does not answer at $PG_SERVER (database $PG_DATABASE, role $PG_USER): skipped (.ci/postgresql sets it up)"
    continue
  fi
  for system in $SYSTEMS; do
    echo
    echo "######## $system on $db"
    log=$OUT/$system-$db.log
    if [[ $system == rappel ]]; then
      scenarios=burst
      if ((STEADY_RATE > 0)); then scenarios=burst,steady; fi
      BENCH_DB=$db BENCH_HEAP=$HEAP "$ROOT/bench/run.sh" --scenarios "$scenarios" --burst-spread-ms 0 \
        --burst "$JOBS" --future "$PENDING" --max-wait-s "$LIMIT" --warmup-burst "$WARMUP" \
        --lateness-csv "$OUT/rappel-$db.csv" --steady-rate "$STEADY_RATE" --steady-seconds "$STEADY_S" \
        --steady-csv "$OUT/rappel-$db-steady.csv" 2>&1 | tee "$log" || true
    else
      dir=$(mktemp -d "${TMPDIR:-/tmp}/peer-bench.XXXXXX")
      java "-Xmx$HEAP" -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$PEERS/target/classes:$CP" PeerBench "$system" "$db" --jobs "$JOBS" --pending "$PENDING" --warmup "$WARMUP" \
        --limit-s "$LIMIT" --csv "$OUT/$system-$db.csv" --derby-dir "$dir/db" \
        --steady-rate "$STEADY_RATE" --steady-seconds "$STEADY_S" --steady-csv "$OUT/$system-$db-steady.csv" \
        --pg-server "$PG_SERVER" --pg-database "$PG_DATABASE" --pg-user "$PG_USER" --pg-password "$PG_PASSWORD" \
        2>&1 | tee "$log" || true
      rm -rf "$dir"
    fi
    grep -h -E '^(BURST|STEADY)_RESULT' "$log" | sed "s/^/$db /" >>"$RESULTS" || echo "  ($system on $db gave no result)"
  done
done

echo
echo "######## Side by side (machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg), commit $COMMIT)"
java -Djava.awt.headless=true -cp "$PEERS/target/classes:$CP" Compare "$RESULTS" "$OUT" "$PNG"
