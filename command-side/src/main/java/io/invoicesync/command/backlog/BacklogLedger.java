package io.invoicesync.command.backlog;

import io.invoicesync.command.ProcessingGroups;
import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.backlog.BillableTransactionsRecorded;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.kernel.rules.Refusal;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The backlog as a table, written in the same transaction as the events that change it (subscribing processor), so
 * that "is this transaction on another invoice?" is answered exactly. The conditional update is the last guard: two
 * proformas racing for one transaction cannot both commit.
 */
@Component
@ProcessingGroup(ProcessingGroups.COMMAND_LOOKUPS)
public class BacklogLedger implements BacklogLookup {

    private final JdbcTemplate jdbc;

    public BacklogLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BillableTransactionsRecorded event) {
        int[][] inserted = jdbc.batchUpdate("""
                INSERT INTO backlog_transaction (transaction_id, project_contract_id, project_id, contract_line_id,
                    transaction_class, quantity, unit_price, currency, transaction_date, description)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id) DO NOTHING""",
                event.transactions(), 1_000, (ps, t) -> {
                    ps.setObject(1, t.transactionId());
                    ps.setString(2, event.projectContractId());
                    ps.setString(3, t.projectId());
                    ps.setString(4, t.contractLineId());
                    ps.setString(5, t.transactionClass());
                    ps.setBigDecimal(6, t.quantity());
                    ps.setBigDecimal(7, t.unitPrice());
                    ps.setString(8, t.currency());
                    ps.setDate(9, Date.valueOf(t.transactionDate()));
                    ps.setString(10, t.description());
                });
        int count = Arrays.stream(inserted).flatMapToInt(Arrays::stream).sum();
        if (count != event.transactions().size()) {
            // The contract's aggregate knows its own ids; only the ledger sees ids recorded under other contracts.
            throw new BusinessRuleViolation("transaction-not-yet-recorded", "transactions",
                    (event.transactions().size() - count) + " of these transactions are already in the billing "
                            + "backlog (under another project contract); a transaction is recorded once",
                    Refusal.STATE_CONFLICT);
        }
    }

    @EventHandler
    void on(InvoiceLinesAdded event) {
        UUID[] held = event.lines().stream().map(InvoiceLine::backlogTransactionId).filter(Objects::nonNull)
                .toArray(UUID[]::new);
        if (held.length == 0) {
            return;
        }
        int reserved = jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("""
                    UPDATE backlog_transaction SET reserved_by_invoice = ?
                    WHERE transaction_id = ANY (?) AND reserved_by_invoice IS NULL""");
            ps.setObject(1, event.invoiceId());
            ps.setArray(2, connection.createArrayOf("uuid", held));
            return ps;
        });
        if (reserved != held.length) {
            throw new BusinessRuleViolation("backlog-transaction-invoiced-once", "lines",
                    "Another proforma took one of these backlog transactions at the same moment; read the backlog "
                            + "again and retry", Refusal.STATE_CONFLICT);
        }
    }

    @EventHandler
    void on(InvoiceLineRemoved event) {
        if (event.backlogTransactionId() != null) {
            jdbc.update("UPDATE backlog_transaction SET reserved_by_invoice = NULL "
                    + "WHERE transaction_id = ? AND reserved_by_invoice = ?", event.backlogTransactionId(), event.invoiceId());
        }
    }

    @Override
    public Map<UUID, BacklogEntry> find(Collection<UUID> transactionIds) {
        Map<UUID, BacklogEntry> found = new HashMap<>();
        if (transactionIds.isEmpty()) {
            return found;
        }
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement("""
                    SELECT transaction_id, project_contract_id, project_id, contract_line_id, transaction_class,
                           quantity, unit_price, currency, transaction_date, description, reserved_by_invoice
                    FROM backlog_transaction WHERE transaction_id = ANY (?)""");
            Array ids = connection.createArrayOf("uuid", transactionIds.toArray());
            ps.setArray(1, ids);
            return ps;
        }, rs -> {
            UUID id = rs.getObject("transaction_id", UUID.class);
            found.put(id, new BacklogEntry(rs.getString("project_contract_id"), new BillableTransaction(id,
                    rs.getString("project_id"), rs.getString("contract_line_id"), rs.getString("transaction_class"),
                    rs.getBigDecimal("quantity"), rs.getBigDecimal("unit_price"), rs.getString("currency"),
                    rs.getDate("transaction_date").toLocalDate(), rs.getString("description")),
                    rs.getObject("reserved_by_invoice", UUID.class)));
        });
        return found;
    }

    /** For tests and tooling: how many transactions an invoice holds. */
    public int heldBy(UUID invoiceId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM backlog_transaction WHERE reserved_by_invoice = ?", Integer.class, invoiceId);
        return count == null ? 0 : count;
    }
}
