#!/usr/bin/env bash
# Runs InvoiceSync on this machine with an embedded PostgreSQL (no Docker): builds if needed, then starts the command
# side (http://localhost:8080), which starts the database (port 54329, data in ./data/postgres).
# INVOICESYNC_DB_URL=jdbc:postgresql://host/db uses an external PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")"

jar=command-side/target/command-side-0.1.0-exec.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./data -prune -o -newer "$jar" -name '*.java' -print -quit)" ]; then
  ./mvnw -B -ntp -q install -DskipTests
fi

exec java -jar "$jar"
