package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.query.syncstate.ErrorCategory;
import io.invoicesync.query.syncstate.ErrorStatus;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import io.invoicesync.query.syncstate.ReconciliationStatus;
import io.invoicesync.query.syncstate.SyncProgressReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The sync's state as metrics, read from the progress tables when scraped (each family once a second at most), so
 * that every node reports the same truth and a restart loses nothing: rows in Finance per table map, invoices by
 * state, errors by category and state. Names and PromQL in the README, "Operating it".
 */
@Component
class SyncMetrics implements MeterBinder {

    private final Cached<String> rows;
    private final Cached<InvoiceSyncStatus> invoices;
    private final Cached<String> errors;
    private final Cached<ReconciliationStatus> reconciliations;

    SyncMetrics(SyncProgressReader progress) {
        rows = new Cached<>(progress::rowsPerMap);
        invoices = new Cached<>(progress::invoicesByStatus);
        errors = new Cached<>(progress::errorsByCategoryAndStatus);
        reconciliations = new Cached<>(progress::reconciliationsByStatus);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TableMap map : TableMap.inSyncOrder()) {
            Gauge.builder("invoicesync.finance.rows", () -> rows.get(map.tableName())).baseUnit("rows")
                    .description("Rows the sync has written to Finance, per table map").tag("table_map", map.tableName())
                    .register(registry);
        }
        for (InvoiceSyncStatus state : InvoiceSyncStatus.values()) {
            Gauge.builder("invoicesync.invoices", () -> invoices.get(state))
                    .description("Confirmed invoices by sync state").tag("state", state.name()).register(registry);
        }
        for (ErrorCategory category : ErrorCategory.values()) {
            for (ErrorStatus state : ErrorStatus.values()) {
                Gauge.builder("invoicesync.sync.errors", () -> errors.get(category.name() + "/" + state.name()))
                        .description("Failed records by category and state").tag("category", category.name())
                        .tag("state", state.name()).register(registry);
            }
        }
        // The last check of each synced invoice, and those still queued for one.
        for (ReconciliationStatus state : List.of(ReconciliationStatus.RECONCILED, ReconciliationStatus.MISMATCH,
                ReconciliationStatus.QUEUED)) {
            Gauge.builder("invoicesync.reconciliations", () -> reconciliations.get(state))
                    .description("Synced invoices by their last check against the event store, and those queued")
                    .tag("state", state.name()).register(registry);
        }
    }

    /** One query per family and scrape: the family's values, kept for a second. */
    private static final class Cached<K> {

        private final Supplier<Map<K, Long>> query;
        private Map<K, Long> values = Map.of();
        private long readAt;

        Cached(Supplier<Map<K, Long>> query) {
            this.query = query;
        }

        synchronized double get(K key) {
            if (System.nanoTime() - readAt > 1_000_000_000L || readAt == 0) {
                values = query.get();
                readAt = System.nanoTime();
            }
            return values.getOrDefault(key, 0L);
        }
    }
}
