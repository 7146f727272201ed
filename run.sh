#!/usr/bin/env bash
# Runs the whole product on this machine with an embedded PostgreSQL (no Docker): builds if needed, starts the
# command side (which starts PostgreSQL on port 54329, data in ./data/postgres), then the query side on the same
# database, and prints the URLs. Ctrl-C stops both.
# INVOICESYNC_DB_URL=jdbc:postgresql://host:5432/db (with INVOICESYNC_DB_USER / INVOICESYNC_DB_PASSWORD) uses an
# external PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")"

command_jar=command-side/target/command-side-0.1.0-exec.jar
query_jar=query-side/target/query-side-0.1.0.jar
if [ ! -f "$command_jar" ] || [ ! -f "$query_jar" ] \
   || [ -n "$(find shared-kernel platform command-side query-side -newer "$command_jar" \( -name '*.java' -o -name '*.yml' -o -name '*.sql' \) -print -quit)" ]; then
  echo "Building (first run only, or after a change)..."
  ./mvnw -B -ntp -q install -DskipTests
fi

mkdir -p data
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

wait_for() { # port name log
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "The $2 stopped; see $3" >&2; tail -n 30 "$3" >&2; exit 1; fi
    sleep 1
  done
  echo "The $2 did not start within 2 minutes; see $3" >&2
  exit 1
}

java -jar "$command_jar" > data/command-side.log 2>&1 &
pids+=($!)
wait_for "${COMMAND_SIDE_PORT:-8080}" "command side" data/command-side.log
java -jar "$query_jar" > data/query-side.log 2>&1 &
pids+=($!)
wait_for "${QUERY_SIDE_PORT:-8081}" "query side" data/query-side.log

cat <<MSG

InvoiceSync is running.
  command API  http://localhost:${COMMAND_SIDE_PORT:-8080}/api   (OpenAPI: /v3/api-docs)
  query API    http://localhost:${QUERY_SIDE_PORT:-8081}/api   (OpenAPI: /v3/api-docs)
  console      http://localhost:${QUERY_SIDE_PORT:-8081}/console/   (sign in as admin or finance)
  PostgreSQL   ${INVOICESYNC_DB_URL:-jdbc:postgresql://localhost:${INVOICESYNC_EMBEDDED_DB_PORT:-54329}/postgres (user postgres, embedded)}
  users        pm, admin, finance: passwords made on first start, in ${INVOICESYNC_CREDENTIALS_FILE:-data/credentials.properties}
               (. data/credentials.properties sets \$pm, \$admin, \$finance for curl -u pm:\$pm ...)
  logs         data/command-side.log, data/query-side.log
Ctrl-C stops both.
MSG
wait -n "${pids[@]}"
