package io.invoicesync.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.query.syncstate.Difference;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What is compared, map by map, between a confirmed proforma and what Finance holds of it. */
class ReconcilerTest {

    private static final BigDecimal TOTAL = new BigDecimal("2010.0000");
    private static final BigDecimal QUANTITY = new BigDecimal("20.00");
    private static final SourceTotals SOURCE = new SourceTotals(new ProformaConfirmed(UUID.randomUUID(), "PC-1",
            "CUST-1", "EUR", LocalDate.of(2026, 11, 24), null, 10, TOTAL, 10, 20, 1, Instant.EPOCH), 10, TOTAL,
            QUANTITY, 20);

    @Test
    void financeHoldingExactlyTheSourceReconciles() {
        assertThat(Reconciler.compare(SOURCE, finance(10, TOTAL, 10, TOTAL, 20, 0))).isEmpty();
    }

    @Test
    void sumsAreComparedByValueNotByScale() {
        assertThat(Reconciler.compare(SOURCE, finance(10, new BigDecimal("2010.00"), 10, new BigDecimal("2010"), 20,
                0))).isEmpty();
    }

    @Test
    void aMissingProposalIsOneDifferenceAndItsLinesMore() {
        FinanceTotals nothing = new FinanceTotals(false, 0, null, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0,
                BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);

        List<String> differences = Reconciler.compare(SOURCE, nothing).stream().map(Difference::toString).toList();

        assertThat(differences).contains("invoices proposal header: source 1, Finance 0",
                "invoices lines: source 10, Finance 0", "msdyn_actuals actuals: source 10, Finance 0",
                "msdyn_transactionconnections connections: source 20, Finance 0");
    }

    @Test
    void aChangedActualIsCaughtByItsMapAndByTheProposalTotal() {
        BigDecimal changed = TOTAL.add(new BigDecimal("0.01"));

        assertThat(Reconciler.compare(SOURCE, finance(10, TOTAL, 10, changed, 20, 0)).stream()
                .map(d -> d.tableMap() + ": " + d.check()))
                .containsExactlyInAnyOrder("msdyn_actuals: sum of actual amounts",
                        "invoices: proposal total against its actuals");
    }

    @Test
    void aConnectionPointingElsewhereIsCaughtEvenWhenTheCountsAgree() {
        assertThat(Reconciler.compare(SOURCE, finance(10, TOTAL, 10, TOTAL, 20, 1)))
                .containsExactly(new Difference("msdyn_transactionconnections",
                        "connections whose ends are not this invoice's rows", "0", "1"));
    }

    private static FinanceTotals finance(long lines, BigDecimal lineAmount, long actuals, BigDecimal actualAmount,
                                         long connections, long loose) {
        return new FinanceTotals(true, 10, TOTAL, lines, lineAmount, QUANTITY, actuals, actualAmount, QUANTITY,
                connections, loose);
    }
}
