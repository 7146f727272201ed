package io.invoicesync.query.reconciliation;

import static io.invoicesync.kernel.integrationjob.TableMap.ACTUALS;
import static io.invoicesync.kernel.integrationjob.TableMap.INVOICES;
import static io.invoicesync.kernel.integrationjob.TableMap.TRANSACTION_CONNECTIONS;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.proforma.ProformaEvents;
import io.invoicesync.query.syncstate.Difference;
import io.invoicesync.query.syncstate.ReconciliationStatus;
import io.invoicesync.query.syncstate.SyncProgressTables;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The outcome is recorded by the progress's owner ({@link SyncProgressTables#checked}): a mismatch is also an OPEN
 * error of category RECONCILIATION per table map that differs, beside the sync's own errors; a later check that
 * agrees marks those RESOLVED.
 */
@Component
public class Reconciler {

    private final JdbcTemplate jdbc;
    private final SyncProgressTables progress;
    private final ProformaEvents events;
    private final FinanceRows financeRows;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Reconciler(JdbcTemplate jdbc, SyncProgressTables progress, ProformaEvents events,
               PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.progress = progress;
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
                    differences.isEmpty() ? ReconciliationStatus.RECONCILED : ReconciliationStatus.MISMATCH,
                    differences, clock.instant());
            progress.checked(invoiceId, jobId, outcome.status(), differences, syncedAt, outcome.checkedAt());
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
