package io.invoicesync.query.proforma;

import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proformas as the project side sees them: where {@code Location} of a create points. The header and totals, the
 * lines page by page, and the invoice's way to Finance (its sync state, once confirmed).
 */
@RestController
@RequestMapping("/api/proformas")
class ProformaController {

    private final ProformaReader proformas;
    private final JdbcTemplate jdbc;

    ProformaController(ProformaReader proformas, JdbcTemplate jdbc) {
        this.proformas = proformas;
        this.jdbc = jdbc;
    }

    /** Where the confirmed invoice is on its way to Finance; null while a draft. */
    record FinanceSync(String status, String mode, UUID jobId, String currentMap, Instant startedAt,
                       Instant finishedAt, String progress) {
    }

    record Proforma(ProformaReader.Header proforma, FinanceSync financeSync, String lines) {
    }

    @GetMapping("/{invoiceId}")
    Proforma proforma(@PathVariable UUID invoiceId) {
        ProformaReader.Header header = proformas.header(invoiceId);
        FinanceSync sync = jdbc.query("SELECT status, mode, job_id, current_map, started_at, finished_at "
                + "FROM sync_invoice WHERE invoice_id = ?", (rs, n) -> {
            UUID jobId = rs.getObject(3, UUID.class);
            return new FinanceSync(rs.getString(1), rs.getString(2), jobId, rs.getString(4),
                    instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), jobId == null ? null
                            : "/api/integration-jobs/" + jobId + "/invoices/" + invoiceId);
        }, invoiceId).stream().findFirst().orElse(null);
        return new Proforma(header, sync, "/api/proformas/" + invoiceId + "/lines");
    }

    @GetMapping("/{invoiceId}/lines")
    Page<InvoiceLine> lines(@PathVariable UUID invoiceId, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        return proformas.lines(invoiceId, Paging.of(page, size));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
