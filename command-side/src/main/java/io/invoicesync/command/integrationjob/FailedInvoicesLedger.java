package io.invoicesync.command.integrationjob;

import io.invoicesync.command.ProcessingGroups;
import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which invoices each job holds as failed, so that retry and dismiss name only those. The query side decides failures
 * and publishes them to the event store; this tracking processor (group
 * {@value io.invoicesync.command.ProcessingGroups#FAILED_INVOICES}) reads them from there, a moment behind: an
 * invoice that failed a few hundred milliseconds ago may not be retryable yet.
 */
@Component
@ProcessingGroup(ProcessingGroups.FAILED_INVOICES)
public class FailedInvoicesLedger implements FailedInvoices {

    private final JdbcTemplate jdbc;

    public FailedInvoicesLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A failure before any job took the invoice (jobId null) is no job's to retry: nothing to remember here. */
    @EventHandler
    void on(SyncRecordFailed event) {
        if (event.jobId() == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO failed_invoice (invoice_id, job_id, failed_at) VALUES (?, ?, ?)
                ON CONFLICT (invoice_id) DO UPDATE SET job_id = excluded.job_id, failed_at = excluded.failed_at""",
                event.invoiceId(), event.jobId(), Timestamp.from(event.failedAt()));
    }

    @EventHandler
    void on(InvoiceSyncRetried event) {
        forget(event.invoiceId());
    }

    @EventHandler
    void on(InvoiceSyncDismissed event) {
        forget(event.invoiceId());
    }

    @EventHandler
    void on(InvoiceSynced event) {
        forget(event.invoiceId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE failed_invoice");
    }

    private void forget(UUID invoiceId) {
        jdbc.update("DELETE FROM failed_invoice WHERE invoice_id = ?", invoiceId);
    }

    @Override
    public List<UUID> failedOf(UUID jobId, Collection<UUID> asked) {
        List<UUID> failed = jdbc.queryForList("SELECT invoice_id FROM failed_invoice WHERE job_id = ? "
                + "ORDER BY failed_at, invoice_id", UUID.class, jobId);
        return asked.isEmpty() ? failed : failed.stream().filter(asked::contains).toList();
    }
}
