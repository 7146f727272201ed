package io.invoicesync.query.proforma;

import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import java.time.Instant;
import java.util.UUID;
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
    private final InvoiceProgressReader progress;

    ProformaController(ProformaReader proformas, InvoiceProgressReader progress) {
        this.proformas = proformas;
        this.progress = progress;
    }

    /** Where the confirmed invoice is on its way to Finance; null while a draft. */
    record FinanceSync(InvoiceSyncStatus status, String mode, UUID jobId, String currentMap, Instant startedAt,
                       Instant finishedAt, String progress) {
    }

    record Proforma(ProformaReader.Header proforma, FinanceSync financeSync, String lines) {
    }

    @GetMapping("/{invoiceId}")
    Proforma proforma(@PathVariable UUID invoiceId) {
        ProformaReader.Header header = proformas.header(invoiceId);
        FinanceSync sync = progress.invoiceSync(invoiceId).map(s -> new FinanceSync(s.status(), s.mode(), s.jobId(),
                s.currentMap(), s.startedAt(), s.finishedAt(), s.jobId() == null ? null
                        : "/api/integration-jobs/" + s.jobId() + "/invoices/" + invoiceId)).orElse(null);
        return new Proforma(header, sync, "/api/proformas/" + invoiceId + "/lines");
    }

    @GetMapping("/{invoiceId}/lines")
    Page<InvoiceLine> lines(@PathVariable UUID invoiceId, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        return proformas.lines(invoiceId, Paging.of(page, size));
    }
}
