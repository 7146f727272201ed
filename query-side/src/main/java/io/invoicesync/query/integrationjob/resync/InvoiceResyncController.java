package io.invoicesync.query.integrationjob.resync;

import io.invoicesync.platform.web.input.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/integration-jobs/{jobId}/invoices/{invoiceId}/resync} (admin): one synced invoice's Finance rows
 * written again from its events and checked again ({@link InvoiceResync}), with the reason the activity list keeps.
 */
@RestController
class InvoiceResyncController {

    private final InvoiceResync resync;

    InvoiceResyncController(InvoiceResync resync) {
        this.resync = resync;
    }

    /** Why: a reconciliation mismatch, a hand edit; kept in the job's activity beside who and when. */
    record ResyncRequest(@NotBlank @Size(max = 500) @PlainText String reason) {
    }

    @PostMapping("/api/integration-jobs/{jobId}/invoices/{invoiceId}/resync")
    InvoiceResync.Resynced resync(@PathVariable UUID jobId, @PathVariable UUID invoiceId,
                                  @Valid @RequestBody ResyncRequest request, Principal user) {
        return resync.resync(jobId, invoiceId, request.reason().strip(), user.getName());
    }
}
