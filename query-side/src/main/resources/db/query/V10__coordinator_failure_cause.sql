-- G11: an invoice whose coordinator step failed before any job owned it is kept FAILED with its cause, so that the
-- next run can show it as that job's error, to retry or dismiss (SyncCoordinator).
ALTER TABLE sync_coordinator_invoice ADD COLUMN failure_cause TEXT;
