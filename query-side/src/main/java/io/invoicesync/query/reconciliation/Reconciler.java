package io.invoicesync.query.reconciliation;

import static io.invoicesync.kernel.integrationjob.TableMap.ACTUALS;
import static io.invoicesync.kernel.integrationjob.TableMap.INVOICES;
import static io.invoicesync.kernel.integrationjob.TableMap.TRANSACTION_CONNECTIONS;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.proforma.ProformaEvents;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ties one synced invoice out against its source of truth, the confirmed proforma in the event store:
 * <ul>
 *   <li>invoices: the proposal is there, its line count and total are the confirmation's, and its lines' count and
 *       sums of amount and quantity are the billed actuals' (Finance makes a line of each);</li>
 *   <li>per invoice: the proposal's total equals the sum of its lines and the sum of its actuals;</li>
 *   <li>msdyn_actuals: count and sums of amount and quantity;</li>
 *   <li>msdyn_transactionconnections: count, and every connection's ends (its billed actual, its invoice line) are
 *       this invoice's rows.</li>
 * </ul>
 * The outcome is recorded in {@code sync_reconciliation}. A mismatch is also an OPEN error of category
 * RECONCILIATION per table map that differs, in {@code sync_error} with the sync's own errors; a later check that
 * agrees marks those RESOLVED.
 */
@Component
public class Reconciler {

    public static final String CATEGORY = "RECONCILIATION";

    private final JdbcTemplate jdbc;
    private final ProformaEvents events;
    private final FinanceRows financeRows;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Reconciler(JdbcTemplate jdbc, ProformaEvents events, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.financeRows = new FinanceRows(jdbc);
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Checks one synced invoice and records the outcome (in the caller's transaction, if there is one). */
    public Reconciliation reconcile(UUID invoiceId, UUID jobId, Instant syncedAt) {
        return transaction.execute(status -> {
            ContentDigests sourceDigests = new ContentDigests();
            SourceTotals source = SourceTotals.read(events, invoiceId,
                    event -> ExpectedRows.of(invoiceId, event, sourceDigests::add));
            if (source == null) {
                throw new IllegalStateException("Invoice " + invoiceId + " has no confirmation in the event store");
            }
            ContentDigests financeDigests = new ContentDigests();
            for (FinanceTable table : FinanceRows.TABLES) {
                financeRows.of(table, invoiceId, financeDigests::add);
            }
            List<Difference> differences = new ArrayList<>(compare(source, FinanceTotals.read(jdbc, invoiceId)));
            differences.addAll(ContentComparison.compare(FinanceRows.TABLES, sourceDigests, financeDigests,
                    (tables, rows) -> events.stream(invoiceId, SourceTotals.TYPES, event -> ExpectedRows.of(invoiceId,
                            event, row -> {
                                if (tables.contains(row.table())) {
                                    rows.accept(row);
                                }
                            })),
                    (tables, rows) -> tables.forEach(table -> financeRows.of(table, invoiceId, rows))));
            Reconciliation outcome = new Reconciliation(invoiceId, jobId,
                    differences.isEmpty() ? Reconciliation.RECONCILED : Reconciliation.MISMATCH, differences,
                    clock.instant());
            record(outcome, syncedAt);
            return outcome;
        });
    }

    static List<Difference> compare(SourceTotals source, FinanceTotals finance) {
        ProformaConfirmed confirmed = source.confirmed();
        Checks checks = new Checks();
        checks.count(INVOICES, "proposal header", 1, finance.header() ? 1 : 0);
        if (finance.header()) {
            checks.count(INVOICES, "proposal line count", confirmed.lineCount(), finance.headerLineCount());
            checks.amount(INVOICES, "proposal total", confirmed.totalAmount(), finance.headerTotal());
            checks.amount(INVOICES, "proposal total against its lines", finance.headerTotal(), finance.lineAmount());
            checks.amount(INVOICES, "proposal total against its actuals", finance.headerTotal(),
                    finance.actualAmount());
        }
        checks.count(INVOICES, "lines", confirmed.lineCount(), finance.lines());
        checks.amount(INVOICES, "sum of line amounts", source.amount(), finance.lineAmount());
        checks.amount(INVOICES, "sum of line quantities", source.quantity(), finance.lineQuantity());
        checks.count(ACTUALS, "actuals", confirmed.actualCount(), finance.actuals());
        checks.amount(ACTUALS, "sum of actual amounts", source.amount(), finance.actualAmount());
        checks.amount(ACTUALS, "sum of actual quantities", source.quantity(), finance.actualQuantity());
        checks.count(TRANSACTION_CONNECTIONS, "connections", confirmed.connectionCount(), finance.connections());
        checks.count(TRANSACTION_CONNECTIONS, "connections whose ends are not this invoice's rows", 0,
                finance.connectionsWithoutTheirEnds());
        return checks.differences;
    }

    private void record(Reconciliation outcome, Instant syncedAt) {
        Timestamp checkedAt = Timestamp.from(outcome.checkedAt());
        jdbc.update("""
                INSERT INTO sync_reconciliation (invoice_id, job_id, status, differences, synced_at, checked_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id) DO UPDATE SET job_id = excluded.job_id, status = excluded.status,
                    differences = excluded.differences, synced_at = excluded.synced_at,
                    checked_at = excluded.checked_at""",
                outcome.invoiceId(), outcome.jobId(), outcome.status(), encode(outcome.differences()),
                syncedAt == null ? null : Timestamp.from(syncedAt), checkedAt);
        Set<String> differing = outcome.differences().stream().map(Difference::tableMap).collect(Collectors.toSet());
        // Maps that agree now: their earlier mismatch is resolved (one statement, whatever the number of maps).
        jdbc.update("UPDATE sync_error SET status = 'RESOLVED', resolved_at = ? WHERE invoice_id = ? AND category = ? "
                + "AND status = 'OPEN' AND NOT (table_map = ANY (?))", checkedAt, outcome.invoiceId(), CATEGORY,
                differing.toArray(String[]::new));
        for (String map : differing) {
            String cause = outcome.differences().stream().filter(d -> d.tableMap().equals(map))
                    .map(d -> d.check() + ": source " + d.source() + ", Finance " + d.finance())
                    .collect(Collectors.joining("; "));
            cause = "Finance differs from the confirmed proforma: " + cause;
            cause = cause.length() > 2000 ? cause.substring(0, 1997) + "..." : cause;
            // One open error per invoice and map: a check that finds it again refreshes it.
            int refreshed = jdbc.update("UPDATE sync_error SET cause = ?, failed_at = ? WHERE invoice_id = ? "
                    + "AND category = ? AND table_map = ? AND status = 'OPEN'", cause, checkedAt, outcome.invoiceId(),
                    CATEGORY, map);
            if (refreshed == 0) {
                jdbc.update("""
                        INSERT INTO sync_error (event_id, invoice_id, job_id, run_id, table_map, batch_number,
                            record_id, category, cause, status, failed_at)
                        VALUES (?, ?, ?, (SELECT run_id FROM sync_invoice WHERE invoice_id = ?), ?, 0, ?, ?, ?,
                            'OPEN', ?)""",
                        "reconciliation:" + outcome.invoiceId() + ":" + map + ":" + outcome.checkedAt().toEpochMilli(),
                        outcome.invoiceId(), outcome.jobId(), outcome.invoiceId(), map, outcome.invoiceId().toString(),
                        CATEGORY, cause, checkedAt);
            }
        }
    }

    /** One difference a line: table map, check, source, Finance, tab-separated (no field holds a tab). */
    static String encode(List<Difference> differences) {
        return differences.isEmpty() ? null : differences.stream()
                .map(d -> String.join("\t", d.tableMap(), d.check(), d.source(), d.finance()))
                .collect(Collectors.joining("\n"));
    }

    public static List<Difference> decode(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).map(line -> line.split("\t", 4))
                .map(f -> new Difference(f[0], f[1], f[2], f[3])).toList();
    }

    private static final class Checks {
        final List<Difference> differences = new ArrayList<>();

        void count(TableMap map, String check, long source, long finance) {
            if (source != finance) {
                differences.add(new Difference(map.tableName(), check, Long.toString(source),
                        Long.toString(finance)));
            }
        }

        void amount(TableMap map, String check, BigDecimal source, BigDecimal finance) {
            BigDecimal s = source == null ? BigDecimal.ZERO : source;
            BigDecimal f = finance == null ? BigDecimal.ZERO : finance;
            if (s.compareTo(f) != 0) {
                differences.add(new Difference(map.tableName(), check, s.toPlainString(), f.toPlainString()));
            }
        }
    }
}
