-- The Finance read model: the three table maps of async invoicing as Finance sees them. Foreign keys make a child
-- without its parent impossible (G1): no actual without its invoice proposal line, no connection without its ends.
-- Every row names the run and batch that applied it and the events it came from (G5).

CREATE TABLE finance_invoice_proposal (
    invoice_proposal_id UUID           PRIMARY KEY,
    project_contract_id VARCHAR(100)   NOT NULL,
    customer_id         VARCHAR(100)   NOT NULL,
    sales_currency      CHAR(3)        NOT NULL,
    invoice_date        DATE           NOT NULL,
    invoice_header_text VARCHAR(1000),
    line_count          INTEGER        NOT NULL,
    total_amount        NUMERIC(19, 4) NOT NULL,
    sync_mode           VARCHAR(10)    NOT NULL,
    job_id              UUID,
    run_id              UUID,
    batch_number        INTEGER        NOT NULL,
    source_event_id     VARCHAR(255)   NOT NULL,
    applied_event_id    VARCHAR(255)   NOT NULL,
    applied_at          TIMESTAMPTZ    NOT NULL
);

CREATE INDEX finance_invoice_proposal_contract ON finance_invoice_proposal (project_contract_id);
CREATE INDEX finance_invoice_proposal_customer ON finance_invoice_proposal (customer_id);

CREATE TABLE finance_invoice_proposal_line (
    line_id             UUID           PRIMARY KEY,
    invoice_proposal_id UUID           NOT NULL REFERENCES finance_invoice_proposal (invoice_proposal_id),
    transaction_class   VARCHAR(20)    NOT NULL,
    project_id          VARCHAR(100),
    contract_line_id    VARCHAR(100),
    quantity            NUMERIC(19, 2) NOT NULL,
    unit_price          NUMERIC(19, 4) NOT NULL,
    amount              NUMERIC(19, 4) NOT NULL,
    transaction_date    DATE           NOT NULL,
    job_id              UUID,
    run_id              UUID,
    batch_number        INTEGER        NOT NULL,
    source_event_id     VARCHAR(255)   NOT NULL,
    applied_event_id    VARCHAR(255)   NOT NULL,
    applied_at          TIMESTAMPTZ    NOT NULL
);

CREATE INDEX finance_invoice_proposal_line_proposal ON finance_invoice_proposal_line (invoice_proposal_id, line_id);

-- msdyn_actuals: the billed sales actuals.
CREATE TABLE finance_actual (
    actual_id               UUID           PRIMARY KEY,
    invoice_proposal_id     UUID           NOT NULL REFERENCES finance_invoice_proposal (invoice_proposal_id),
    invoice_line_id         UUID           NOT NULL REFERENCES finance_invoice_proposal_line (line_id),
    unbilled_transaction_id UUID,
    transaction_type        VARCHAR(40)    NOT NULL,
    transaction_class       VARCHAR(20)    NOT NULL,
    transaction_class_code  INTEGER        NOT NULL,
    billing_status          VARCHAR(40)    NOT NULL,
    project_id              VARCHAR(100),
    contract_line_id        VARCHAR(100),
    quantity                NUMERIC(19, 2) NOT NULL,
    unit_price              NUMERIC(19, 4) NOT NULL,
    amount                  NUMERIC(19, 4) NOT NULL,
    currency                CHAR(3)        NOT NULL,
    document_date           DATE           NOT NULL,
    job_id                  UUID,
    run_id                  UUID,
    batch_number            INTEGER        NOT NULL,
    source_event_id         VARCHAR(255)   NOT NULL,
    applied_event_id        VARCHAR(255)   NOT NULL,
    applied_at              TIMESTAMPTZ    NOT NULL
);

CREATE INDEX finance_actual_proposal ON finance_actual (invoice_proposal_id, actual_id);
CREATE INDEX finance_actual_line ON finance_actual (invoice_line_id);

-- msdyn_transactionconnections. The billed actual is always one end; the invoice line the other end of
-- billed-to-line connections. The unbilled actual is a project-side record (skip sync) and has no Finance row.
CREATE TABLE finance_transaction_connection (
    connection_id       UUID         PRIMARY KEY,
    invoice_proposal_id UUID         NOT NULL REFERENCES finance_invoice_proposal (invoice_proposal_id),
    billed_actual_id    UUID         NOT NULL REFERENCES finance_actual (actual_id),
    invoice_line_id     UUID         REFERENCES finance_invoice_proposal_line (line_id),
    transaction1_id     VARCHAR(100) NOT NULL,
    transaction1_role   VARCHAR(100) NOT NULL,
    transaction1_type   VARCHAR(100) NOT NULL,
    transaction2_id     VARCHAR(100) NOT NULL,
    transaction2_role   VARCHAR(100) NOT NULL,
    transaction2_type   VARCHAR(100) NOT NULL,
    statecode           SMALLINT     NOT NULL,
    statuscode          SMALLINT     NOT NULL,
    job_id              UUID,
    run_id              UUID,
    batch_number        INTEGER      NOT NULL,
    source_event_id     VARCHAR(255) NOT NULL,
    applied_event_id    VARCHAR(255) NOT NULL,
    applied_at          TIMESTAMPTZ  NOT NULL
);

CREATE INDEX finance_transaction_connection_proposal ON finance_transaction_connection (invoice_proposal_id, connection_id);
CREATE INDEX finance_transaction_connection_actual ON finance_transaction_connection (billed_actual_id);
CREATE INDEX finance_transaction_connection_line ON finance_transaction_connection (invoice_line_id);

-- Finance master data the sync checks against (not part of the synced model): a customer on hold refuses invoices.
CREATE TABLE finance_customer (
    customer_id VARCHAR(100) PRIMARY KEY,
    on_hold     BOOLEAN      NOT NULL,
    hold_reason VARCHAR(500),
    updated_at  TIMESTAMPTZ  NOT NULL
);
