-- Finance's change log names each row it tells of instead of holding a JSON copy of it: the copy (to_jsonb of every
-- row, in the transaction that wrote it) cost the sync's writer as much as a second write of Finance. A reader takes
-- the row from its Finance table by the key the change names, in the same snapshot (FinanceChanges). Changes written
-- before keep their copy, and are read from it.
ALTER TABLE finance_change ALTER COLUMN row_data DROP NOT NULL;

CREATE OR REPLACE FUNCTION finance_change_capture() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind TEXT := coalesce(nullif(current_setting('invoicesync.finance_change', true), ''), 'WRITTEN');
BEGIN
    IF coalesce(current_setting('invoicesync.finance_capture', true), '') = 'off' THEN
        RETURN NULL;
    END IF;
    -- One branch per table: PL/pgSQL plans a trigger function for each table it is attached to, and only the branch
    -- it takes, so each names its own table's key column.
    IF TG_ARGV[1] = 'PROPOSAL' THEN
        INSERT INTO finance_change (table_map, row_kind, change, invoice_id, row_id, job_id, run_id, batch_number,
                                    source_event_id)
        SELECT TG_ARGV[0], TG_ARGV[1], kind, n.invoice_proposal_id, n.invoice_proposal_id, n.job_id, n.run_id,
               n.batch_number, n.source_event_id FROM new_rows n;
    ELSIF TG_ARGV[1] = 'LINE' THEN
        INSERT INTO finance_change (table_map, row_kind, change, invoice_id, row_id, job_id, run_id, batch_number,
                                    source_event_id)
        SELECT TG_ARGV[0], TG_ARGV[1], kind, n.invoice_proposal_id, n.line_id, n.job_id, n.run_id, n.batch_number,
               n.source_event_id FROM new_rows n;
    ELSIF TG_ARGV[1] = 'ACTUAL' THEN
        INSERT INTO finance_change (table_map, row_kind, change, invoice_id, row_id, job_id, run_id, batch_number,
                                    source_event_id)
        SELECT TG_ARGV[0], TG_ARGV[1], kind, n.invoice_proposal_id, n.actual_id, n.job_id, n.run_id, n.batch_number,
               n.source_event_id FROM new_rows n;
    ELSE
        INSERT INTO finance_change (table_map, row_kind, change, invoice_id, row_id, job_id, run_id, batch_number,
                                    source_event_id)
        SELECT TG_ARGV[0], TG_ARGV[1], kind, n.invoice_proposal_id, n.connection_id, n.job_id, n.run_id,
               n.batch_number, n.source_event_id FROM new_rows n;
    END IF;
    RETURN NULL;
END
$$;
