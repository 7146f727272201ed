-- A job can be paused and resumed within one run (issue 24). At a resume the coordinator marks what waited (the
-- invoices paused in flight and those confirmed meanwhile) as the catch-up, estimates how long it will take at the
-- job's last pace, and says when the last of them is synced or failed; the progress shows the estimate, a corrected
-- one while it runs late, and whether it was met.

ALTER TABLE sync_coordinator_invoice ADD COLUMN catch_up BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX sync_coordinator_invoice_catch_up ON sync_coordinator_invoice (job_id) WHERE catch_up;

ALTER TABLE sync_coordinator_job ADD COLUMN resumed_at TIMESTAMPTZ;

ALTER TABLE sync_job
    ADD COLUMN paused_at                  TIMESTAMPTZ,
    ADD COLUMN resumed_at                 TIMESTAMPTZ,
    ADD COLUMN catch_up_resumed_at        TIMESTAMPTZ,
    ADD COLUMN catch_up_invoices          INTEGER,
    ADD COLUMN catch_up_rows              BIGINT,
    ADD COLUMN catch_up_rows_per_second   DOUBLE PRECISION,
    ADD COLUMN catch_up_estimated_seconds BIGINT,
    ADD COLUMN caught_up_at               TIMESTAMPTZ;
