package io.invoicesync.query.processing;

import java.util.List;

/**
 * The query side's processing groups, by name: the names key their tokens, their settings
 * ({@code invoicesync.processors.<group>.*}), their quarantine rows and their place in {@code replay status}.
 */
public final class ProcessingGroups {

    /** The job's decisions: confirmations and job life cycle in one total order. */
    public static final String SYNC_COORDINATOR = "sync-coordinator";
    /** The sagas, one per invoice, that send its table maps to Finance batch by batch. */
    public static final String INVOICE_SYNC = "invoice-sync";
    /** The Finance read model and the sync progress; the only group a replay rebuilds. */
    public static final String FINANCE = "finance";

    public static final List<String> ALL = List.of(SYNC_COORDINATOR, INVOICE_SYNC, FINANCE);

    private ProcessingGroups() {
    }
}
