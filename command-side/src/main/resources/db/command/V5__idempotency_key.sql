-- What a write sent with an Idempotency-Key answered, per user and key, so that the same request sent again (its
-- answer lost to a dropped connection, a time-out, a database that went away) gets that answer back instead of being
-- done twice. A row is RUNNING while its first request runs, COMPLETED with the answer once it has one; rows expire.
CREATE TABLE idempotency_key (
    principal       TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    fingerprint     BYTEA       NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED')),
    -- Which attempt holds the key: only that attempt stores its answer or frees the key.
    claimed_by      UUID        NOT NULL,
    status          INTEGER,
    content_type    TEXT,
    location        TEXT,
    etag            TEXT,
    body            BYTEA,
    started_at      TIMESTAMPTZ NOT NULL,
    completed_at    TIMESTAMPTZ,
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);

CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
