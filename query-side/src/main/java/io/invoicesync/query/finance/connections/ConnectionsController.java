package io.invoicesync.query.finance.connections;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.query.finance.connections.ConnectionsReader.Connection;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConnectionsController {

    private final ConnectionsReader connections;

    ConnectionsController(ConnectionsReader connections) {
        this.connections = connections;
    }

    /** msdyn_transactionconnections of one invoice proposal, paged. */
    @GetMapping("/api/finance/transaction-connections")
    Page<Connection> list(@RequestParam UUID invoiceProposalId,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return connections.ofInvoice(invoiceProposalId, Paging.of(page, size));
    }
}
