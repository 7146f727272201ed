-- Invoices a processing group has set aside (G9): a handler failed for one of the invoice's events, for a reason that
-- is no outage of the database, as many times as the retry budget allows. The group skips the invoice's events until
-- the sync error is retried (the invoice is then synced again from its first batch) or dismissed; every other
-- invoice flows meanwhile.
CREATE TABLE sync_quarantine (
    processing_group VARCHAR(50)   NOT NULL,
    invoice_id       UUID          NOT NULL,
    event_id         VARCHAR(255)  NOT NULL,
    payload_type     VARCHAR(255)  NOT NULL,
    cause            VARCHAR(2000) NOT NULL,
    quarantined_at   TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (processing_group, invoice_id)
);

-- The coordinator remembers how an invoice failed: a business refusal resumes the invoice's saga where it stopped,
-- a system failure syncs the invoice again from its first batch. Synced invoices stay (state SYNCED), so that a
-- failure reported after the saga already finished still finds the invoice.
ALTER TABLE sync_coordinator_invoice ADD COLUMN failure_category VARCHAR(20);
