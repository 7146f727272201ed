-- Invoices an integration job has parked as failed, as the query side reported them (SyncRecordFailed), until they
-- are retried, dismissed or synced. Retry and dismiss are only for these: a request naming anything else is refused
-- before an event is written.
CREATE TABLE failed_invoice (
    invoice_id UUID        PRIMARY KEY,
    job_id     UUID        NOT NULL,
    failed_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX failed_invoice_job ON failed_invoice (job_id);
