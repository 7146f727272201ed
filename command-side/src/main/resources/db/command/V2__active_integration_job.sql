-- The integration job that is Active now, if any: a proforma confirmed while one is active is synced by it, not in
-- real time, and only one job may be active at a time.
CREATE TABLE active_integration_job (
    job_id     UUID PRIMARY KEY,
    run_id     UUID        NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);
