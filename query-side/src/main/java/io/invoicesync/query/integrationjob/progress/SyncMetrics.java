package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sync's state as metrics, read from the progress tables when scraped (each family once a second at most), so
 * that every node reports the same truth and a restart loses nothing: rows in Finance per table map, invoices by
 * state, errors by category and state. Names and PromQL in the README, "Operating it".
 */
@Component
class SyncMetrics implements MeterBinder {

    private static final List<String> INVOICE_STATES = List.of("WAITING", "IN_PROGRESS", "PAUSED", "SYNCED", "FAILED",
            "DISMISSED");
    private static final List<String> CATEGORIES = IntegrationJobProgressController.ERROR_CATEGORIES;
    private static final List<String> ERROR_STATES = IntegrationJobProgressController.ERROR_STATUSES;
    /** The last check of each synced invoice, and those still queued for one. */
    private static final List<String> RECONCILIATION_STATES = List.of("RECONCILED", "MISMATCH", "QUEUED");

    private final Cached rows;
    private final Cached invoices;
    private final Cached errors;
    private final Cached reconciliations;

    SyncMetrics(JdbcTemplate jdbc) {
        rows = new Cached(() -> grouped(jdbc, "SELECT table_map, sum(row_count) FROM sync_batch GROUP BY table_map"));
        invoices = new Cached(() -> grouped(jdbc, "SELECT status, count(*) FROM sync_invoice GROUP BY status"));
        errors = new Cached(() -> grouped(jdbc,
                "SELECT category || '/' || status, count(*) FROM sync_error GROUP BY category, status"));
        reconciliations = new Cached(() -> grouped(jdbc, "SELECT status, count(*) FROM sync_reconciliation "
                + "GROUP BY status UNION ALL SELECT 'QUEUED', count(*) FROM sync_reconciliation_queue"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TableMap map : TableMap.inSyncOrder()) {
            Gauge.builder("invoicesync.finance.rows", () -> rows.get(map.tableName())).baseUnit("rows")
                    .description("Rows the sync has written to Finance, per table map").tag("table_map", map.tableName())
                    .register(registry);
        }
        for (String state : INVOICE_STATES) {
            Gauge.builder("invoicesync.invoices", () -> invoices.get(state))
                    .description("Confirmed invoices by sync state").tag("state", state).register(registry);
        }
        for (String category : CATEGORIES) {
            for (String state : ERROR_STATES) {
                Gauge.builder("invoicesync.sync.errors", () -> errors.get(category + "/" + state))
                        .description("Failed records by category and state").tag("category", category)
                        .tag("state", state).register(registry);
            }
        }
        for (String state : RECONCILIATION_STATES) {
            Gauge.builder("invoicesync.reconciliations", () -> reconciliations.get(state))
                    .description("Synced invoices by their last check against the event store, and those queued")
                    .tag("state", state).register(registry);
        }
    }

    private static Map<String, Long> grouped(JdbcTemplate jdbc, String sql) {
        Map<String, Long> values = new HashMap<>();
        jdbc.query(sql, rs -> {
            values.put(rs.getString(1), rs.getLong(2));
        });
        return values;
    }

    /** One query per family and scrape: the family's values, kept for a second. */
    private static final class Cached {

        private final Supplier<Map<String, Long>> query;
        private Map<String, Long> values = Map.of();
        private long readAt;

        Cached(Supplier<Map<String, Long>> query) {
            this.query = query;
        }

        synchronized double get(String key) {
            if (System.nanoTime() - readAt > 1_000_000_000L || readAt == 0) {
                values = query.get();
                readAt = System.nanoTime();
            }
            return values.getOrDefault(key, 0L);
        }
    }
}
