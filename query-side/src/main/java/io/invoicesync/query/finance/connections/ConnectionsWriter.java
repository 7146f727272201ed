package io.invoicesync.query.finance.connections;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.TransactionConnection;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.finance.ProvenRepeat;
import io.invoicesync.query.finance.TableMapWriter;
import io.invoicesync.query.finance.Trace;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The msdyn_transactionconnections table map. Its Finance ends get foreign keys: the billed actual always, the
 * invoice line when the connection points at one.
 */
@Component
public class ConnectionsWriter implements TableMapWriter<TransactionsConnected> {

    static final short STATECODE_ACTIVE = 0;
    static final short STATUSCODE_ACTIVE = 1;
    public static final FinanceTable TABLE = new FinanceTable(TableMap.TRANSACTION_CONNECTIONS,
            "finance_transaction_connection", "connection_id", List.of("invoice_proposal_id", "billed_actual_id",
            "invoice_line_id", "transaction1_id", "transaction1_role", "transaction1_type", "transaction2_id",
            "transaction2_role", "transaction2_type", "statecode", "statuscode"));
    private static final String INSERT = ProvenRepeat.insert(TABLE);

    private final JdbcTemplate jdbc;

    public ConnectionsWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The msdyn_transactionconnections row Finance receives for a connection. */
    public static FinanceRow row(UUID invoiceId, TransactionConnection c) {
        return TABLE.row(c.connectionId(), invoiceId, billedActualOf(c), invoiceLineOf(c), c.transaction1Id(), c.transaction1Role(),
                c.transaction1Type(), c.transaction2Id(), c.transaction2Role(), c.transaction2Type(),
                STATECODE_ACTIVE, STATUSCODE_ACTIVE);
    }

    @Override
    public TableMap tableMap() {
        return TableMap.TRANSACTION_CONNECTIONS;
    }

    @Override
    public Class<TransactionsConnected> sourceType() {
        return TransactionsConnected.class;
    }

    @Override
    public int write(TableMapBatchApplied batch, TransactionsConnected source, Trace trace) {
        jdbc.batchUpdate(INSERT, source.connections(), MAX_BATCH,
                (ps, c) -> trace.bind(ps, row(batch.invoiceId(), c).bind(ps)));
        return source.connections().size();
    }

    static UUID billedActualOf(TransactionConnection c) {
        boolean firstIsBilled = TransactionConnection.TYPE_ACTUAL.equals(c.transaction1Type())
                && TransactionConnection.ROLE_BILLED_SALES.equals(c.transaction1Role());
        return UUID.fromString(firstIsBilled ? c.transaction1Id() : c.transaction2Id());
    }

    static UUID invoiceLineOf(TransactionConnection c) {
        if (TransactionConnection.TYPE_INVOICE_LINE_TRANSACTION.equals(c.transaction2Type())) {
            return UUID.fromString(c.transaction2Id());
        }
        if (TransactionConnection.TYPE_INVOICE_LINE_TRANSACTION.equals(c.transaction1Type())) {
            return UUID.fromString(c.transaction1Id());
        }
        return null;
    }

    @Override
    public int erase(UUID invoiceId) {
        return jdbc.update("DELETE FROM finance_transaction_connection WHERE invoice_proposal_id = ?", invoiceId);
    }
}
