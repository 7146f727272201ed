package io.invoicesync.query.finance.connections;

import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.Paging;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConnectionsController {

    private final JdbcTemplate jdbc;

    ConnectionsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Connection(UUID transactionConnectionId, UUID invoiceProposalId, String transaction1Id,
                      String transaction1Role, String transaction1Type, String transaction2Id, String transaction2Role,
                      String transaction2Type, int statecode, int statuscode, UUID runId, int batchNumber) {
    }

    /** msdyn_transactionconnections of one invoice proposal, paged. */
    @GetMapping("/api/finance/transaction-connections")
    Page<Connection> list(@RequestParam UUID invoiceProposalId,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        long total = jdbc.queryForObject(
                "SELECT count(*) FROM finance_transaction_connection WHERE invoice_proposal_id = ?", Long.class,
                invoiceProposalId);
        List<Connection> content = jdbc.query("""
                SELECT connection_id, invoice_proposal_id, transaction1_id, transaction1_role, transaction1_type,
                       transaction2_id, transaction2_role, transaction2_type, statecode, statuscode, run_id, batch_number
                FROM finance_transaction_connection WHERE invoice_proposal_id = ? ORDER BY connection_id
                LIMIT ? OFFSET ?""",
                (rs, n) -> new Connection(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getInt(9), rs.getInt(10), rs.getObject(11, UUID.class), rs.getInt(12)),
                invoiceProposalId, paging.size(), paging.offset());
        return paging.of(content, total);
    }
}
