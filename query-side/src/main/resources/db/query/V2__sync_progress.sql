-- Progress of the async integration, per job, per invoice, per batch, and its errors (G4). Written by the same
-- processing group as the Finance rows, in the same transaction.

CREATE TABLE sync_job (
    job_id     UUID         PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    run_id     UUID,
    table_maps VARCHAR(200),
    created_at TIMESTAMPTZ  NOT NULL,
    started_at TIMESTAMPTZ,
    stopped_at TIMESTAMPTZ
);

CREATE TABLE sync_invoice (
    invoice_id       UUID        PRIMARY KEY,
    status           VARCHAR(20) NOT NULL,
    mode             VARCHAR(10),
    job_id           UUID,
    run_id           UUID,
    current_map      VARCHAR(50),
    line_count       INTEGER     NOT NULL,
    actual_count     INTEGER     NOT NULL,
    connection_count INTEGER     NOT NULL,
    chunks           INTEGER     NOT NULL,
    confirmed_at     TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX sync_invoice_job ON sync_invoice (job_id, status);
CREATE INDEX sync_invoice_status ON sync_invoice (status);

CREATE TABLE sync_batch (
    invoice_id       UUID         NOT NULL,
    table_map        VARCHAR(50)  NOT NULL,
    batch_number     INTEGER      NOT NULL,
    job_id           UUID,
    run_id           UUID,
    row_count        INTEGER      NOT NULL,
    source_event_id  VARCHAR(255) NOT NULL,
    applied_event_id VARCHAR(255) NOT NULL,
    applied_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (invoice_id, table_map, batch_number)
);

CREATE INDEX sync_batch_job ON sync_batch (job_id, table_map);

CREATE TABLE sync_error (
    error_id     BIGSERIAL    PRIMARY KEY,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    invoice_id   UUID         NOT NULL,
    job_id       UUID,
    run_id       UUID,
    table_map    VARCHAR(50)  NOT NULL,
    batch_number INTEGER      NOT NULL,
    record_id    VARCHAR(100) NOT NULL,
    category     VARCHAR(20)  NOT NULL,
    cause        VARCHAR(2000) NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    failed_at    TIMESTAMPTZ  NOT NULL,
    resolved_at  TIMESTAMPTZ
);

CREATE INDEX sync_error_job ON sync_error (job_id, status);

-- The coordinator's own state (processing group sync-coordinator): which job is active, which confirmed invoices
-- wait for a run and which are dispatched to one.
CREATE TABLE sync_coordinator_job (
    id     SMALLINT PRIMARY KEY CHECK (id = 1),
    job_id UUID,
    run_id UUID,
    table_maps VARCHAR(200),
    active BOOLEAN  NOT NULL
);

CREATE TABLE sync_coordinator_invoice (
    invoice_id         UUID        PRIMARY KEY,
    arrival            BIGSERIAL   NOT NULL,
    state              VARCHAR(20) NOT NULL,
    job_id             UUID,
    confirmed_sequence BIGINT      NOT NULL,
    chunks             INTEGER     NOT NULL,
    line_count         INTEGER     NOT NULL,
    actual_count       INTEGER     NOT NULL,
    connection_count   INTEGER     NOT NULL
);

CREATE INDEX sync_coordinator_invoice_state ON sync_coordinator_invoice (state, arrival);
