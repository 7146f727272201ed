package io.invoicesync.query.reconciliation;

import io.invoicesync.query.syncstate.Difference;
import io.invoicesync.query.syncstate.ReconciliationStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The outcome of one invoice's check: RECONCILED, or MISMATCH with each difference. */
public record Reconciliation(UUID invoiceId, UUID jobId, ReconciliationStatus status, List<Difference> differences,
                             Instant checkedAt) {

    /** The statuses a check records (the others only count invoices around it). */
    public static final List<ReconciliationStatus> STATUSES = List.of(ReconciliationStatus.RECONCILED,
            ReconciliationStatus.MISMATCH);

    public boolean agreed() {
        return status == ReconciliationStatus.RECONCILED;
    }
}
