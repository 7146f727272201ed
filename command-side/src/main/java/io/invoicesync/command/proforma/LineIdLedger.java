package io.invoicesync.command.proforma;

import io.invoicesync.command.ProcessingGroups;
import io.invoicesync.command.proforma.rules.LineIdIsNotOnAnotherInvoice;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which invoice holds each line id ({@code invoice_line_key}), written in the same transaction as the events that take
 * and free them (subscribing processor). The aggregate asks it first, for a clear refusal; the insert is the last
 * guard: of two invoices racing for one id, on one node or two, the second blocks on the first's key and, once that
 * commits, rolls back with the same refusal.
 */
@Component
@ProcessingGroup(ProcessingGroups.COMMAND_LOOKUPS)
public class LineIdLedger implements LineIdLookup {

    private final JdbcTemplate jdbc;

    public LineIdLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InvoiceLinesAdded event) {
        UUID[] ids = event.lines().stream().map(InvoiceLine::lineId).toArray(UUID[]::new);
        int taken = jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO invoice_line_key (line_id, invoice_id) SELECT unnest(?), ?
                    ON CONFLICT (line_id) DO NOTHING""");
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            ps.setObject(2, event.invoiceId());
            return ps;
        });
        if (taken == ids.length) {
            return;
        }
        Map<UUID, UUID> holders = holdersOf(List.of(ids));
        for (int i = 0; i < ids.length; i++) {
            new LineIdIsNotOnAnotherInvoice(i, ids[i], holders.get(ids[i]), event.invoiceId()).verify();
        }
    }

    @EventHandler
    void on(InvoiceLineRemoved event) {
        jdbc.update("DELETE FROM invoice_line_key WHERE line_id = ? AND invoice_id = ?", event.lineId(),
                event.invoiceId());
    }

    @Override
    public Map<UUID, UUID> holdersOf(Collection<UUID> lineIds) {
        Map<UUID, UUID> holders = new HashMap<>();
        if (lineIds.isEmpty()) {
            return holders;
        }
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(
                    "SELECT line_id, invoice_id FROM invoice_line_key WHERE line_id = ANY (?)");
            ps.setArray(1, connection.createArrayOf("uuid", lineIds.toArray()));
            return ps;
        }, rs -> {
            holders.put(rs.getObject("line_id", UUID.class), rs.getObject("invoice_id", UUID.class));
        });
        return holders;
    }
}
