package io.invoicesync.query.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.TransactionConnection;
import io.invoicesync.kernel.sync.InvoiceProposalHeader;
import io.invoicesync.query.finance.actuals.ActualsWriter;
import io.invoicesync.query.finance.connections.ConnectionsWriter;
import io.invoicesync.query.finance.invoiceproposal.InvoiceProposalWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What each table map's writer makes of the source events, and the insert every writer uses, without a database:
 * the rows here are the very values the writers bind and the reconciliation expects.
 */
class FinanceWritersTest {

    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID LINE = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID ACTUAL = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final UUID UNBILLED = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final BilledActual BILLED = new BilledActual(ACTUAL, LINE, UNBILLED, "EXPENSE", "P-1", "CL-1",
            new BigDecimal("2.00"), new BigDecimal("100.5000"), new BigDecimal("201.0000"), "EUR",
            LocalDate.of(2026, 11, 1));

    private static Object value(FinanceRow row, String column) {
        return row.values().get(row.table().content().indexOf(column));
    }

    @Test
    void theProposalHeaderIsTheConfirmationsHeader() {
        FinanceRow header = InvoiceProposalWriter.headerRow(new InvoiceProposalHeader(INVOICE, "PC-1", "CUST-1", "EUR",
                LocalDate.of(2026, 11, 24), "November", 3, new BigDecimal("603.0000")));

        assertThat(header.key()).isEqualTo(INVOICE);
        assertThat(header.table().map()).isEqualTo(TableMap.INVOICES);
        assertThat(header.canonical()).containsExactly("PC-1", "CUST-1", "EUR", "2026-11-24", "November", "3", "603");
    }

    @Test
    void aProposalLineIsMadeOfItsBilledActualUnderTheLinesId() {
        FinanceRow line = InvoiceProposalWriter.lineRow(INVOICE, BILLED);

        assertThat(line.key()).isEqualTo(LINE);
        assertThat(value(line, "invoice_proposal_id")).isEqualTo(INVOICE);
        assertThat(value(line, "amount")).isEqualTo(new BigDecimal("201.0000"));
        assertThat(value(line, "transaction_date")).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void anActualIsABilledSaleWithItsClassOptionValue() {
        FinanceRow actual = ActualsWriter.row(INVOICE, BILLED);

        assertThat(actual.key()).isEqualTo(ACTUAL);
        assertThat(value(actual, "transaction_type")).isEqualTo("Billed Sales");
        assertThat(value(actual, "billing_status")).isEqualTo("Customer Invoice Created");
        assertThat(value(actual, "transaction_class_code")).isEqualTo(192350001);
        assertThat(value(actual, "invoice_line_id")).isEqualTo(LINE);
        assertThat(value(actual, "unbilled_transaction_id")).isEqualTo(UNBILLED);
    }

    @Test
    void aConnectionsFinanceEndsAreItsBilledActualAndItsInvoiceLine() {
        FinanceRow toLine = ConnectionsWriter.row(INVOICE, new TransactionConnection(UUID.randomUUID(),
                ACTUAL.toString(), TransactionConnection.ROLE_BILLED_SALES, TransactionConnection.TYPE_ACTUAL,
                LINE.toString(), TransactionConnection.ROLE_BILLED_SALES,
                TransactionConnection.TYPE_INVOICE_LINE_TRANSACTION));
        FinanceRow toUnbilled = ConnectionsWriter.row(INVOICE, new TransactionConnection(UUID.randomUUID(),
                UNBILLED.toString(), TransactionConnection.ROLE_UNBILLED_SALES, TransactionConnection.TYPE_ACTUAL,
                ACTUAL.toString(), TransactionConnection.ROLE_BILLED_SALES, TransactionConnection.TYPE_ACTUAL));

        assertThat(value(toLine, "billed_actual_id")).isEqualTo(ACTUAL);
        assertThat(value(toLine, "invoice_line_id")).isEqualTo(LINE);
        assertThat(value(toUnbilled, "billed_actual_id")).as("the billed end, whichever side it is on").isEqualTo(ACTUAL);
        assertThat(value(toUnbilled, "invoice_line_id")).isNull();
        assertThat(value(toLine, "statecode")).isEqualTo((short) 0);
        assertThat(value(toLine, "statuscode")).isEqualTo((short) 1);
    }

    @Test
    void theInsertSkipsAConflictOnlyWhenEveryContentColumnIsTheSame() {
        String insert = ProvenRepeat.insert(ActualsWriter.TABLE);

        assertThat(insert).startsWith("INSERT INTO finance_actual AS existing (actual_id, invoice_proposal_id,")
                .contains("ON CONFLICT (actual_id) DO UPDATE SET actual_id = finance_key_taken('finance_actual', "
                        + "existing.actual_id, existing.invoice_proposal_id,")
                .doesNotContain("DO NOTHING");
        for (String column : ActualsWriter.TABLE.content()) {
            assertThat(insert).contains("existing." + column).contains("excluded." + column);
        }
        assertThat(insert).as("trace columns differ between deliveries").doesNotContain("existing.applied_at");
    }

    @Test
    void aRepeatOfTheHeaderMustAlsoMatchHowItCame() {
        assertThat(ProvenRepeat.insert(InvoiceProposalWriter.HEADER, "sync_mode"))
                .contains("existing.sync_mode").contains("excluded.sync_mode");
    }

    @Test
    void aTableWhoseContentDoesNotNameTheInvoiceCannotProveARepeat() {
        FinanceTable withoutInvoice = new FinanceTable(TableMap.ACTUALS, "finance_actual", "actual_id",
                List.of("amount"));

        assertThatThrownBy(() -> ProvenRepeat.insert(withoutInvoice)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowMustHaveAValueForEveryColumn() {
        assertThatThrownBy(() -> ActualsWriter.TABLE.row(ACTUAL, INVOICE)).isInstanceOf(IllegalArgumentException.class);
    }
}
