#!/usr/bin/env bash
# The README's walk-through as one script, against ./run.sh on a fresh database (rm -rf data first).
# From a backlog to a 5,000-line invoice in Finance with its trace.
set -euo pipefail
CMD=http://localhost:${COMMAND_SIDE_PORT:-8080}; QRY=http://localhost:${QUERY_SIDE_PORT:-8081}
# The passwords ./run.sh made on first start (the file is also a shell script: it sets $pm, $admin, $finance).
. "${INVOICESYNC_CREDENTIALS_FILE:-data/credentials.properties}"
PM="-u pm:$pm"; ADMIN="-u admin:$admin"; FIN="-u finance:$finance"
J="-H Content-Type:application/json"
say() { printf '\n### %s\n' "$*"; }
# curl that fails the walk-through on an HTTP error (or a refused connection), unless the step expects that status
# (EXPECT=422 curl ...): a broken step must not pass for a finished walk-through.
curl() {
  local out code
  out=$(command curl -sS -w '\n%{http_code}' "$@") || { echo "walk-through: request failed: curl $*" >&2; exit 1; }
  code=${out##*$'\n'}
  printf '%s' "${out%$'\n'*}"
  if [ "$code" -ge 400 ] && [ "$code" != "${EXPECT:-}" ]; then
    echo; echo "walk-through: HTTP $code from curl $*" >&2; exit 1
  fi
}

say "1. Real time: no job owns the table maps yet, so a small invoice goes to Finance inside its confirm request"
curl -s $PM $J -X POST $CMD/api/backlog/transactions -d '{"projectContractId":"PC-7","transactions":[
  {"transactionId":"7a000000-0000-4000-8000-000000000001","projectId":"P-7","contractLineId":"CL-1",
   "transactionClass":"TIME","quantity":8,"unitPrice":120,"currency":"EUR","transactionDate":"2026-11-02",
   "description":"Design workshop"}]}'; echo
curl -s $PM $J -X POST $CMD/api/proformas -d '{"invoiceId":"7b000000-0000-4000-8000-000000000001",
  "projectContractId":"PC-7","customerId":"CUST-7","currency":"EUR","invoiceDate":"2026-11-24"}'; echo
curl -s $PM $J -X POST $CMD/api/proformas/7b000000-0000-4000-8000-000000000001/lines -d '{"lines":[
  {"backlogTransactionId":"7a000000-0000-4000-8000-000000000001"},
  {"description":"Project management fee","quantity":1,"unitPrice":250}]}'; echo
curl -s $PM -X POST $CMD/api/proformas/7b000000-0000-4000-8000-000000000001/confirm; echo
curl -s $FIN $QRY/api/finance/invoice-proposals/7b000000-0000-4000-8000-000000000001; echo

say "2. A backlog of 5,000 unbilled time transactions, and a proforma holding all of them"
# 5,000 transactions with ids 5a000000-0000-4000-8000-000000000001 ... -000000005000, and a line for each.
seq 1 5000 | awk 'BEGIN { printf "{\"projectContractId\":\"PC-100\",\"transactions\":[" }
  { printf "%s{\"transactionId\":\"5a000000-0000-4000-8000-%012d\",\"projectId\":\"P-100\",\"contractLineId\":\"CL-1\",\"transactionClass\":\"TIME\",\"quantity\":8,\"unitPrice\":120.50,\"currency\":\"EUR\",\"transactionDate\":\"2026-11-03\",\"description\":\"Consulting day %d\"}", (NR > 1 ? "," : ""), $1, $1 }
  END { printf "]}" }' > /tmp/invoicesync-backlog.json
seq 1 5000 | awk 'BEGIN { printf "{\"lines\":[" }
  { printf "%s{\"backlogTransactionId\":\"5a000000-0000-4000-8000-%012d\"}", (NR > 1 ? "," : ""), $1 }
  END { printf "]}" }' > /tmp/invoicesync-lines.json
short() { local r; r=$(cat); echo "${r:0:170} ..."; }
curl -s $PM $J -X POST $CMD/api/backlog/transactions -d @/tmp/invoicesync-backlog.json | short
INVOICE=5b000000-0000-4000-8000-000000000001
curl -s $PM $J -X POST $CMD/api/proformas -d "{\"invoiceId\":\"$INVOICE\",\"projectContractId\":\"PC-100\",
  \"customerId\":\"CUST-100\",\"currency\":\"EUR\",\"invoiceDate\":\"2026-11-24\",\"invoiceHeaderText\":\"November\"}"; echo
curl -s $PM $J -X POST $CMD/api/proformas/$INVOICE/lines -d @/tmp/invoicesync-lines.json | short

say "3. Confirming 5,000 lines in real time is refused: real-time sync takes at most 1,000"
EXPECT=422 curl -s $PM -X POST $CMD/api/proformas/$INVOICE/confirm; echo

say "4. The integration admin meets the preconditions and runs an async job with the three table maps"
curl -s $ADMIN $J -X PUT $CMD/api/parameters \
  -d '{"projectTaskTimeTracking":"ON_DEMAND_UPDATE","projectActualValuesTracking":"ON_DEMAND_UPDATE"}'; echo
curl -s $ADMIN $J -X PUT $CMD/api/dual-write/core-solution -d '{"version":"1.0.24093.1"}'; echo
JOB=3c000000-0000-4000-8000-000000000001
curl -s $ADMIN $J -X POST $CMD/api/integration-jobs -d "{\"jobId\":\"$JOB\",\"name\":\"Async customer invoicing\"}"; echo
for map in invoices msdyn_actuals msdyn_transactionconnections; do
  curl -s $ADMIN $J -X POST $CMD/api/integration-jobs/$JOB/table-maps -d "{\"tableMap\":\"$map\"}"; echo
done
curl -s $ADMIN -X POST $CMD/api/integration-jobs/$JOB/save; echo
curl -s $ADMIN -X POST $CMD/api/integration-jobs/$JOB/run; echo

say "5. Now the confirm goes through; the job syncs it in the background"
curl -s $PM -X POST $CMD/api/proformas/$INVOICE/confirm; echo
sleep 1
curl -s $FIN $QRY/api/integration-jobs/$JOB/invoices/$INVOICE; echo

say "6. Watch the job until the invoice is synced"
for _ in $(seq 1 60); do
  status=$(curl -s $FIN $QRY/api/integration-jobs/$JOB/invoices/$INVOICE | sed 's/.*"status":"\([A-Z_]*\)".*/\1/')
  [ "$status" = SYNCED ] && break; sleep 1
done
curl -s $FIN $QRY/api/integration-jobs/$JOB; echo

say "7. Finance: the proposal, a page of its lines, actuals and connections, and the trace"
curl -s $FIN $QRY/api/finance/invoice-proposals/$INVOICE; echo
curl -s $FIN "$QRY/api/finance/invoice-proposals/$INVOICE/lines?size=2"; echo
curl -s $FIN "$QRY/api/finance/actuals?invoiceProposalId=$INVOICE&size=1"; echo
curl -s $FIN "$QRY/api/finance/transaction-connections?invoiceProposalId=$INVOICE&size=2"; echo
curl -s $FIN "$QRY/api/finance/invoice-proposals/$INVOICE/trace"; echo
