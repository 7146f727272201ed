package io.invoicesync.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.syncstate.Difference;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The row-by-row comparison without a database: rows in memory on both sides, as the events and Finance give them. */
class ContentComparisonTest {

    private static final FinanceTable LINES = new FinanceTable(TableMap.INVOICES, "finance_invoice_proposal_line",
            "line_id", List.of("invoice_proposal_id", "quantity", "amount", "transaction_date", "project_id"));
    private static final FinanceTable ACTUALS = new FinanceTable(TableMap.ACTUALS, "finance_actual", "actual_id",
            List.of("invoice_proposal_id", "statecode"));
    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-00000000a001");

    private static FinanceRow line(int n, String amount) {
        return LINES.row(new UUID(0, n), INVOICE, new BigDecimal("2.00"), new BigDecimal(amount),
                LocalDate.of(2026, 11, 1), null);
    }

    /** The same line as JDBC reads it back: other scales, a java.sql.Date. */
    private static FinanceRow lineFromJdbc(int n, String amount) {
        return LINES.row(new UUID(0, n), INVOICE, new BigDecimal("2"), new BigDecimal(amount).setScale(4),
                Date.valueOf(LocalDate.of(2026, 11, 1)), null);
    }

    private static List<Difference> compare(List<FinanceRow> source, List<FinanceRow> finance) {
        ContentDigests sourceDigests = new ContentDigests();
        source.forEach(sourceDigests::add);
        ContentDigests financeDigests = new ContentDigests();
        finance.forEach(financeDigests::add);
        return ContentComparison.compare(List.of(LINES, ACTUALS), sourceDigests, financeDigests,
                (tables, rows) -> source.stream().filter(r -> tables.contains(r.table())).forEach(rows),
                (tables, rows) -> finance.stream().filter(r -> tables.contains(r.table())).forEach(rows));
    }

    @Test
    void theSameRowsInAnotherOrderAndAnotherScaleAgree() {
        List<FinanceRow> finance = new ArrayList<>(List.of(lineFromJdbc(1, "201"), lineFromJdbc(2, "100.5"),
                ACTUALS.row(new UUID(1, 1), INVOICE, 0)));
        Collections.reverse(finance);

        assertThat(compare(List.of(line(1, "201.0000"), line(2, "100.50"),
                ACTUALS.row(new UUID(1, 1), INVOICE, (short) 0)), finance)).isEmpty();
    }

    @Test
    void twoSwappedAmountsAreTwoNamedRowsThoughTheSumAgrees() {
        List<Difference> differences = compare(List.of(line(1, "200"), line(2, "202")),
                List.of(lineFromJdbc(1, "202"), lineFromJdbc(2, "200")));

        assertThat(differences).extracting(Difference::check).containsExactly(
                "finance_invoice_proposal_line content",
                "finance_invoice_proposal_line row " + new UUID(0, 1),
                "finance_invoice_proposal_line row " + new UUID(0, 2));
        assertThat(differences.get(1)).isEqualTo(new Difference("invoices",
                "finance_invoice_proposal_line row " + new UUID(0, 1), "amount=200", "amount=202"));
        assertThat(differences.get(0).source()).startsWith("2 rows, digest ");
    }

    @Test
    void aRowOnOneSideOnlyIsNamedAbsentOnTheOther() {
        FinanceRow extra = line(9, "1");

        assertThat(compare(List.of(line(1, "201")), List.of(lineFromJdbc(1, "201"), extra)))
                .contains(new Difference("invoices", "finance_invoice_proposal_line row " + extra.key(), "absent",
                        "present"));
        assertThat(compare(List.of(line(1, "201"), extra), List.of(lineFromJdbc(1, "201"))))
                .contains(new Difference("invoices", "finance_invoice_proposal_line row " + extra.key(), "present",
                        "absent"));
    }

    @Test
    void anEmptyValueDiffersFromAnyText() {
        FinanceRow withProject = LINES.row(new UUID(0, 1), INVOICE, BigDecimal.ONE, BigDecimal.ONE,
                LocalDate.of(2026, 11, 1), "P-1");

        assertThat(compare(List.of(LINES.row(new UUID(0, 1), INVOICE, BigDecimal.ONE, BigDecimal.ONE,
                LocalDate.of(2026, 11, 1), null)), List.of(withProject)))
                .contains(new Difference("invoices", "finance_invoice_proposal_line row " + new UUID(0, 1),
                        "project_id=\u2400", "project_id=P-1"));
    }

    @Test
    void namesTheFirstHundredRowsAndCountsTheRest() {
        List<FinanceRow> source = IntStream.range(0, 150).mapToObj(i -> line(i, "1")).toList();
        List<FinanceRow> finance = IntStream.range(0, 150).mapToObj(i -> lineFromJdbc(i, "2")).toList();

        List<Difference> differences = compare(source, finance);

        assertThat(differences.stream().filter(d -> d.check().contains(" row "))).hasSize(ContentComparison.ROWS_NAMED);
        assertThat(differences.get(differences.size() - 1)).isEqualTo(new Difference("invoices",
                "finance_invoice_proposal_line rows that differ, 100 of them named", "0", "150"));
    }

    @Test
    void onlyTheTableWhoseDigestsDifferIsReadAgain() {
        List<FinanceRow> source = List.of(line(1, "1"), ACTUALS.row(new UUID(1, 1), INVOICE, 0));
        List<FinanceRow> finance = List.of(lineFromJdbc(1, "1"), ACTUALS.row(new UUID(1, 1), INVOICE, 1));
        List<FinanceTable> readAgain = new ArrayList<>();
        ContentDigests sourceDigests = new ContentDigests();
        source.forEach(sourceDigests::add);
        ContentDigests financeDigests = new ContentDigests();
        finance.forEach(financeDigests::add);

        List<Difference> differences = ContentComparison.compare(List.of(LINES, ACTUALS), sourceDigests,
                financeDigests, (tables, rows) -> readAgain.addAll(tables),
                (tables, rows) -> finance.stream().filter(r -> tables.contains(r.table())).forEach(rows));

        assertThat(readAgain).containsOnly(ACTUALS);
        assertThat(differences).extracting(Difference::tableMap).containsOnly("msdyn_actuals");
    }
}
