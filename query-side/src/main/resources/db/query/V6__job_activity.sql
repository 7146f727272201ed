-- What was done to each integration job, by whom and when (the console's activity log): created, saved, each run and
-- stop, each retry and dismissal. Written by the Finance processing group, rebuilt by a replay like the rest.

CREATE TABLE sync_activity (
    event_id      VARCHAR(255) PRIMARY KEY,
    job_id        UUID         NOT NULL,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    action        VARCHAR(20)  NOT NULL,
    run_id        UUID,
    invoice_ids   TEXT,
    invoice_count INTEGER,
    actor         VARCHAR(200)
);

CREATE INDEX sync_activity_job ON sync_activity (job_id, occurred_at, event_id);
