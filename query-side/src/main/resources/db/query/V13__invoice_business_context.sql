-- What an operator recognises an invoice by, beside its id: the customer, the contract, the amount and the invoice
-- date, kept from its ProformaConfirmed (SyncProgressTables.confirmed), so that the console shows them beside every
-- invoice and error, and a search finds an invoice by its customer. Invoices confirmed before this are read back from
-- their confirmation in the event store (its JSON payload). These are a display copy: the amount has no precision
-- limit and the texts are cut to fit (SyncProgressTables), so that no value an event holds can fail the progress row.
ALTER TABLE sync_invoice
    ADD COLUMN customer_id         VARCHAR(100),
    ADD COLUMN project_contract_id VARCHAR(100),
    ADD COLUMN currency            VARCHAR(10),
    ADD COLUMN total_amount        NUMERIC,
    ADD COLUMN invoice_date        DATE;

UPDATE sync_invoice i
SET customer_id         = left(c.payload ->> 'customerId', 100),
    project_contract_id = left(c.payload ->> 'projectContractId', 100),
    currency            = left(c.payload ->> 'currency', 10),
    total_amount        = CASE WHEN jsonb_typeof(c.payload -> 'totalAmount') IN ('number', 'string')
                               THEN (c.payload ->> 'totalAmount')::numeric END,
    invoice_date        = CASE WHEN jsonb_typeof(c.payload -> 'invoiceDate') = 'string'
                               THEN (c.payload ->> 'invoiceDate')::date END
FROM (SELECT e.aggregate_identifier::uuid AS invoice_id, convert_from(e.payload, 'UTF8')::jsonb AS payload
      FROM domain_event_entry e
      WHERE e.payload_type = 'io.invoicesync.kernel.proforma.ProformaConfirmed') c
WHERE c.invoice_id = i.invoice_id;

CREATE INDEX sync_invoice_customer ON sync_invoice (customer_id);
