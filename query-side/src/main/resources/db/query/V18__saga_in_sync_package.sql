-- The invoice saga's class moved to the package of the sync's path (io.invoicesync.query.sync). Sagas in flight are
-- stored under their class name: they go on under the new one.
UPDATE saga_entry SET saga_type = 'io.invoicesync.query.sync.InvoiceSyncSaga'
WHERE saga_type = 'io.invoicesync.query.integrationjob.InvoiceSyncSaga';
UPDATE association_value_entry SET saga_type = 'io.invoicesync.query.sync.InvoiceSyncSaga'
WHERE saga_type = 'io.invoicesync.query.integrationjob.InvoiceSyncSaga';
