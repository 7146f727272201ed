#!/usr/bin/env bash
# The sync measured against raw PostgreSQL in one run (README, "Benchmarks"): builds the jars, then starts them as
# ./run.sh does (the command side starts its own embedded PostgreSQL), runs plain JDBC batch inserts of as many
# Finance rows on that same server, then builds, confirms, syncs and replays one invoice through the apps.
# Prints a table and a BENCHMARK-JSON line per run, and the medians.
#   ./benchmark.sh [lines (100000)] [runs (3)] [heap per app, e.g. 1g (the JVM's default)] [jfr: true|false]
#                  [raw baseline: true|false] [kafka: true|false (a broker of its own, the relay on)]
#   ./benchmark.sh month-end [invoices (1000)] [lines (10)] [clients (8)] [jfr: true|false] [bulk (0: one a request)]
#                  [statements: true|false] [big: lines of one large invoice beside them (0)] [first|after]
#                  many small invoices built and confirmed by parallel clients, a probe invoice every 2 s (issue 23);
#                  statements loads pg_stat_statements and prints the database's statements per invoice
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "month-end" ]; then
  ./mvnw -B -ntp -q install -DskipTests
  ./mvnw -B -ntp verify -Pbenchmark -pl query-side -Dtest=MonthEndBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmonthend.invoices="${2:-1000}" -Dmonthend.lines="${3:-10}" -Dmonthend.clients="${4:-8}" -Dbenchmark.jfr="${5:-false}" -Dmonthend.bulk="${6:-0}" -Dmonthend.statements="${7:-false}" \
    -Dmonthend.big="${8:-0}" -Dmonthend.bigWhen="${9:-first}" \
    | grep -v '^\[INFO\] Download' | tee query-side/target/month-end.log | grep -E '^(\||====|BENCHMARK-JSON|\[ERROR\]|Tests run)' || true
  grep -q "BUILD SUCCESS" query-side/target/month-end.log
  exit 0
fi
lines=${1:-100000}
runs=${2:-3}
heap=${3:-}
jfr=${4:-false}
raw=${5:-true}
kafka=${6:-false}
./mvnw -B -ntp -q install -DskipTests
./mvnw -B -ntp verify -Pbenchmark -pl query-side -Dtest=SyncBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbenchmark.lines="$lines" -Dbenchmark.runs="$runs" -Dbenchmark.heap="$heap" -Dbenchmark.jfr="$jfr" -Dbenchmark.raw="$raw" -Dbenchmark.kafka="$kafka" \
  | grep -v '^\[INFO\] Download' | tee query-side/target/benchmark.log | grep -E '^(\||====|    |BENCHMARK-JSON|\[ERROR\]|Tests run)' || true
grep -q "BUILD SUCCESS" query-side/target/benchmark.log
