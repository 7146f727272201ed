-- Finance's change log (issue 25): every Finance row as it became visible, in the transaction that wrote it. It is
-- the change feed (GET /api/finance/changes) and the outbox the Kafka relay publishes from, so a row is never written
-- to Finance without its change, nor a change without its row.
--
-- Order and visibility: a change is named by its transaction id (tx) and a sequence number (seq). Readers only read
-- changes of transactions older than every transaction still running (tx < the current snapshot's xmin), in
-- (tx, seq) order: such a transaction has committed or rolled back, and every change a later read can meet has a
-- greater (tx, seq), so a cursor never passes a change that is not visible yet, however transactions commit. One
-- invoice's maps are written one after the other (each after the previous committed), so they come in map order.
CREATE TABLE finance_change (
    tx              xid8         NOT NULL DEFAULT pg_current_xact_id(),
    seq             BIGSERIAL    NOT NULL,
    table_map       VARCHAR(50)  NOT NULL,
    row_kind        VARCHAR(20)  NOT NULL,
    change          VARCHAR(20)  NOT NULL,
    invoice_id      UUID         NOT NULL,
    row_id          UUID         NOT NULL,
    job_id          UUID,
    run_id          UUID,
    batch_number    INTEGER,
    source_event_id VARCHAR(255),
    row_data        JSONB        NOT NULL,
    PRIMARY KEY (tx, seq)
);

-- Which change a row is: WRITTEN by the sync, or RESYNCED (an operator's repair wrote the invoice's rows again). A
-- transaction sets invoicesync.finance_change to say so; a replay sets invoicesync.finance_capture to 'off' (it
-- writes again what Finance already held, identical, so nothing is told twice).
CREATE FUNCTION finance_change_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('invoicesync.finance_capture', true), '') = 'off' THEN
        RETURN NULL;
    END IF;
    INSERT INTO finance_change (table_map, row_kind, change, invoice_id, row_id, job_id, run_id, batch_number,
                                source_event_id, row_data)
    SELECT TG_ARGV[0], TG_ARGV[1],
           coalesce(nullif(current_setting('invoicesync.finance_change', true), ''), 'WRITTEN'),
           (r.j ->> 'invoice_proposal_id')::uuid, (r.j ->> TG_ARGV[2])::uuid, n.job_id, n.run_id, n.batch_number,
           n.source_event_id,
           r.j - 'job_id' - 'run_id' - 'batch_number' - 'source_event_id' - 'applied_event_id' - 'applied_at'
    FROM new_rows n, LATERAL (SELECT to_jsonb(n) AS j) r;
    RETURN NULL;
END
$$;

CREATE TRIGGER finance_invoice_proposal_change AFTER INSERT ON finance_invoice_proposal
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION finance_change_capture('invoices', 'PROPOSAL', 'invoice_proposal_id');
CREATE TRIGGER finance_invoice_proposal_line_change AFTER INSERT ON finance_invoice_proposal_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION finance_change_capture('invoices', 'LINE', 'line_id');
CREATE TRIGGER finance_actual_change AFTER INSERT ON finance_actual
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION finance_change_capture('msdyn_actuals', 'ACTUAL', 'actual_id');
CREATE TRIGGER finance_transaction_connection_change AFTER INSERT ON finance_transaction_connection
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION finance_change_capture('msdyn_transactionconnections', 'CONNECTION', 'connection_id');

-- Where a reader of the log inside InvoiceSync stands (the Kafka relay: the last change it published, written after
-- Kafka acknowledged it, for its lag and health). Consumers of the feed keep their cursor themselves.
CREATE TABLE finance_change_reader (
    reader     VARCHAR(100) PRIMARY KEY,
    tx         xid8         NOT NULL,
    seq        BIGINT       NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
