-- Each synced invoice tied out against its source, the confirmed proforma in the event store (Reconciler): the last
-- check's outcome, RECONCILED or MISMATCH, and what differed. A mismatch is also an error (category RECONCILIATION)
-- in sync_error, beside the sync's own.

CREATE TABLE sync_reconciliation (
    invoice_id  UUID        PRIMARY KEY,
    job_id      UUID,
    status      VARCHAR(20) NOT NULL,
    differences TEXT,
    synced_at   TIMESTAMPTZ,
    checked_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX sync_reconciliation_job ON sync_reconciliation (job_id, status);
CREATE INDEX sync_reconciliation_status ON sync_reconciliation (status, checked_at);
-- Invoices waiting for their check: queued by the Finance group when it has applied an invoice's InvoiceSynced (so
-- every row of the invoice is written, and a replay queues every invoice again), taken one at a time by
-- ReconciliationWorker (FOR UPDATE SKIP LOCKED: any number of query-side nodes share the queue).
CREATE TABLE sync_reconciliation_queue (
    invoice_id UUID        PRIMARY KEY,
    job_id     UUID,
    synced_at  TIMESTAMPTZ NOT NULL,
    attempts   INTEGER     NOT NULL DEFAULT 0,
    last_error VARCHAR(1000)
);

-- The on-demand range (--since) selects synced invoices by when they were synced.
CREATE INDEX sync_invoice_finished ON sync_invoice (finished_at) WHERE status = 'SYNCED';
