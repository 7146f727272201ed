package io.invoicesync.query.reconciliation;

import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.finance.actuals.ActualsWriter;
import io.invoicesync.query.finance.connections.ConnectionsWriter;
import io.invoicesync.query.finance.invoiceproposal.InvoiceProposalWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What Finance holds of one invoice, row by row, each table read by its writer's own column names into the same
 * {@link FinanceRow}s the events give ({@link ExpectedRows}). A cursor (run inside the check's transaction), so an
 * invoice of any size is read in bounded memory.
 */
final class FinanceRows {

    static final List<FinanceTable> TABLES = List.of(InvoiceProposalWriter.HEADER, InvoiceProposalWriter.LINE,
            ActualsWriter.TABLE, ConnectionsWriter.TABLE);

    private final JdbcTemplate cursor;

    FinanceRows(JdbcTemplate jdbc) {
        this.cursor = new JdbcTemplate(jdbc.getDataSource());
        this.cursor.setFetchSize(1_000);
    }

    void of(FinanceTable table, UUID invoiceId, Consumer<FinanceRow> rows) {
        cursor.query(table.selectOfInvoice(), rs -> {
            List<Object> values = new ArrayList<>(table.content().size());
            for (String column : table.content()) {
                values.add(rs.getObject(column));
            }
            rows.accept(new FinanceRow(table, rs.getObject(table.key(), UUID.class), values));
        }, invoiceId);
    }
}
