-- Why an action was taken, where it carries a reason: a resync of one invoice says why (a reconciliation mismatch, a
-- hand edit), and the activity list shows it beside who and when.
ALTER TABLE sync_activity ADD COLUMN reason VARCHAR(500);
