-- Finance's change log can be pruned by age (invoicesync.finance.changes.retention; kept whole unless it is set).
-- When each change was written: now() is stable, so the rows already there take the migration's time without a
-- rewrite of the table, and every later change its transaction's start.
ALTER TABLE finance_change ADD COLUMN written_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- How far the log has been pruned: every change up to this cursor is gone. A feed cursor before it cannot be served
-- (the answer is 410 with this cursor); one at or after it is served as ever. One row at most.
CREATE TABLE finance_change_horizon (
    only_row  BOOLEAN      PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    tx        xid8         NOT NULL,
    seq       BIGINT       NOT NULL,
    pruned_at TIMESTAMPTZ  NOT NULL
);
