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
command_port=${COMMAND_SIDE_PORT:-8080}
query_port=${QUERY_SIDE_PORT:-8081}
# Each app finds the other where this script starts it, whatever ports are chosen.
export INVOICESYNC_QUERY_SIDE_URL=${INVOICESYNC_QUERY_SIDE_URL:-http://localhost:$query_port}
export INVOICESYNC_COMMAND_SIDE_URL=${INVOICESYNC_COMMAND_SIDE_URL:-http://localhost:$command_port}
pids=()
# The query side first: the command side owns the embedded PostgreSQL and stops it when it stops, and a query side
# still running then would fill its log with connection errors.
stop() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    while kill -0 "${pids[i]}" 2>/dev/null; do sleep 0.2; done
  done
}
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

# Another InvoiceSync (or anything) already on a port would answer in this one's place: say so instead.
for port in "$command_port" "$query_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use (is InvoiceSync already running?). Stop it, or choose COMMAND_SIDE_PORT and" \
      "QUERY_SIDE_PORT." >&2
    trap - EXIT
    exit 1
  fi
done

# Logs are appended across restarts, each start marked.
for app in command-side query-side; do
  echo "==== $(date -u +%Y-%m-%dT%H:%M:%SZ) run.sh starts the $app" >> "data/$app.log"
done
COMMAND_SIDE_PORT=$command_port java -jar "$command_jar" >> data/command-side.log 2>&1 &
pids+=($!)
wait_for "$command_port" "command side" data/command-side.log
QUERY_SIDE_PORT=$query_port java -jar "$query_jar" >> data/query-side.log 2>&1 &
pids+=($!)
wait_for "$query_port" "query side" data/query-side.log

cat <<MSG

InvoiceSync is running.
  command API  http://localhost:$command_port/api   (OpenAPI: /v3/api-docs)
  query API    http://localhost:$query_port/api   (OpenAPI: /v3/api-docs)
  console      http://localhost:$query_port/console/   (sign in as admin or finance)
  health       http://localhost:$query_port/actuator/health   (and :$command_port; metrics: /actuator/prometheus, admin)
  PostgreSQL   ${INVOICESYNC_DB_URL:-jdbc:postgresql://localhost:${INVOICESYNC_EMBEDDED_DB_PORT:-54329}/postgres (user postgres, embedded)}
  users        pm, admin, finance: passwords made on first start, in ${INVOICESYNC_CREDENTIALS_FILE:-data/credentials.properties}
               (. data/credentials.properties sets \$pm, \$admin, \$finance for curl -u pm:\$pm ...)
  logs         data/command-side.log, data/query-side.log (appended across restarts)
Ctrl-C stops both.
MSG
wait -n "${pids[@]}"
