package io.invoicesync.query.reconciliation;

import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reconciles each invoice as soon as it is synced, in a processing group of its own: a check reads the whole
 * confirmed proforma, seconds for 100,000 lines, and must hold up neither the sync's decisions nor Finance's writes.
 * Finance's rows are committed before the saga publishes {@link InvoiceSynced}, so the check sees all of them. Not
 * replayed: a rebuilt Finance is checked on demand ({@code reconcile}).
 */
@Component
@ProcessingGroup(ProcessingGroups.RECONCILIATION)
@DisallowReplay
@ConditionalOnProperty(name = "invoicesync.replay.command-line", havingValue = "false", matchIfMissing = true)
class ReconcileWhenSynced {

    private final Reconciler reconciler;

    ReconcileWhenSynced(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @EventHandler
    void on(InvoiceSynced event) {
        reconciler.reconcile(event.invoiceId(), event.jobId(), event.syncedAt());
    }
}
