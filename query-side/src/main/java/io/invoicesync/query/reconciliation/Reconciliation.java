package io.invoicesync.query.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The outcome of one invoice's check: RECONCILED, or MISMATCH with each difference. */
public record Reconciliation(UUID invoiceId, UUID jobId, String status, List<Difference> differences,
                             Instant checkedAt) {

    public static final String RECONCILED = "RECONCILED";
    public static final String MISMATCH = "MISMATCH";
    public static final List<String> STATUSES = List.of(RECONCILED, MISMATCH);

    public boolean agreed() {
        return RECONCILED.equals(status);
    }
}
