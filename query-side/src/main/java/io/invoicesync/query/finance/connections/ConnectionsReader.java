package io.invoicesync.query.finance.connections;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** msdyn_transactionconnections as Finance readers see them: read by column name, a page at a time. */
@Component
class ConnectionsReader {

    record Connection(UUID transactionConnectionId, UUID invoiceProposalId, String transaction1Id,
                      String transaction1Role, String transaction1Type, String transaction2Id, String transaction2Role,
                      String transaction2Type, int statecode, int statuscode, UUID runId, int batchNumber) {
    }

    private final JdbcTemplate jdbc;

    ConnectionsReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page<Connection> ofInvoice(UUID invoiceProposalId, Paging paging) {
        long total = jdbc.queryForObject(
                "SELECT count(*) FROM finance_transaction_connection WHERE invoice_proposal_id = ?", Long.class,
                invoiceProposalId);
        List<Connection> content = jdbc.query("""
                SELECT connection_id, invoice_proposal_id, transaction1_id, transaction1_role, transaction1_type,
                       transaction2_id, transaction2_role, transaction2_type, statecode, statuscode, run_id, batch_number
                FROM finance_transaction_connection WHERE invoice_proposal_id = ? ORDER BY connection_id
                LIMIT ? OFFSET ?""",
                (rs, n) -> new Connection(rs.getObject("connection_id", UUID.class),
                        rs.getObject("invoice_proposal_id", UUID.class), rs.getString("transaction1_id"),
                        rs.getString("transaction1_role"), rs.getString("transaction1_type"),
                        rs.getString("transaction2_id"), rs.getString("transaction2_role"),
                        rs.getString("transaction2_type"), rs.getInt("statecode"), rs.getInt("statuscode"),
                        rs.getObject("run_id", UUID.class), rs.getInt("batch_number")),
                invoiceProposalId, paging.size(), paging.offset());
        return paging.of(content, total);
    }
}
