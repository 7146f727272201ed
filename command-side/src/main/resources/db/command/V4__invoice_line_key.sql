-- G11: a line id becomes a Finance key (the proposal line, and the actual and connections derived from it), so it is
-- held by one proforma invoice across all of them. Written in the same transaction as the InvoiceLinesAdded that
-- takes it (subscribing processor "command-lookups"): two invoices racing for one id cannot both commit. A removed
-- line frees its id.
CREATE TABLE invoice_line_key (
    line_id    UUID PRIMARY KEY,
    invoice_id UUID NOT NULL
);

CREATE INDEX invoice_line_key_invoice ON invoice_line_key (invoice_id);

-- The lines added before this table existed, read from the event store (JSON payloads): a line is held by an invoice
-- whose last event for it added it. An id that two invoices already share stays with the one that took it first; the
-- other invoice's Finance write then fails loudly for that invoice (FinanceKeyTaken on the query side).
INSERT INTO invoice_line_key (line_id, invoice_id)
SELECT DISTINCT ON (line_id) line_id, invoice_id
FROM (
    SELECT DISTINCT ON (line_id, invoice_id) line_id, invoice_id, kind, global_index
    FROM (
        SELECT (line ->> 'lineId')::uuid AS line_id, e.aggregate_identifier::uuid AS invoice_id, 'ADDED' AS kind,
               e.global_index
        FROM domain_event_entry e
        CROSS JOIN LATERAL jsonb_array_elements(convert_from(e.payload, 'UTF8')::jsonb -> 'lines') AS line
        WHERE e.payload_type = 'io.invoicesync.kernel.proforma.InvoiceLinesAdded'
        UNION ALL
        SELECT (convert_from(e.payload, 'UTF8')::jsonb ->> 'lineId')::uuid, e.aggregate_identifier::uuid, 'REMOVED',
               e.global_index
        FROM domain_event_entry e
        WHERE e.payload_type = 'io.invoicesync.kernel.proforma.InvoiceLineRemoved'
    ) AS line_event
    ORDER BY line_id, invoice_id, global_index DESC
) AS last_event
WHERE kind = 'ADDED'
ORDER BY line_id, global_index
ON CONFLICT (line_id) DO NOTHING;
