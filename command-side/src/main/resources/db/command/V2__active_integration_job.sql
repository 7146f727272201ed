-- The integration job that owns the async table maps: the last one run. While it is active it syncs every confirmed
-- proforma; while it is stopped (paused) confirmed proformas wait for its next run. Real-time sync applies only while
-- no job owns the maps. One job at a time may be active.
CREATE TABLE async_integration_job (
    job_id     UUID PRIMARY KEY,
    run_id     UUID        NOT NULL,
    active     BOOLEAN     NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);
