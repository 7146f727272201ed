package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.platform.web.NotFound;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.InvoiceProgressReader.InvoiceOfJob;
import io.invoicesync.query.syncstate.InvoiceProgressReader.InvoiceProgress;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import io.invoicesync.query.syncstate.SyncProgressReader;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** G4: a job's invoices, and one invoice's way through the job's maps. */
@RestController
@RequestMapping("/api/integration-jobs/{jobId}/invoices")
class JobInvoicesController {

    private final SyncProgressReader jobs;
    private final InvoiceProgressReader progress;

    JobInvoicesController(SyncProgressReader jobs, InvoiceProgressReader progress) {
        this.jobs = jobs;
        this.progress = progress;
    }

    /**
     * The job's invoices, most recently changed first, each with its customer, contract, amount and invoice date;
     * {@code status} filters and {@code search} finds by the start of the invoice id, the customer or the contract.
     * WAITING lists the invoices confirmed while no job ran, which this job's next run takes.
     */
    @GetMapping
    Page<InvoiceOfJob> invoices(@PathVariable UUID jobId, @RequestParam(required = false) String status,
                                @RequestParam(required = false) String search,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        RequestChecks checks = new RequestChecks();
        InvoiceSyncStatus state = checks.oneOf(InvoiceSyncStatus.class, status, "status", "invoice-status");
        checks.rule(search == null || search.length() <= 100 && !search.matches("(?s).*\\p{Cc}.*"), "search",
                "search-text", "search must be at most 100 characters, without control characters");
        checks.verify();
        Paging paging = Paging.of(page, size);
        JobsOf.require(jobs, jobId);
        return progress.invoicesOfJob(jobId, state, search, paging);
    }

    /** One invoice's way through the job's maps: where it is, batch by batch, and its errors; 404 unless this job's. */
    @GetMapping("/{invoiceId}")
    InvoiceProgress invoice(@PathVariable UUID jobId, @PathVariable UUID invoiceId) {
        return progress.invoiceOfJob(jobId, invoiceId)
                .orElseThrow(() -> new NotFound("Invoice " + invoiceId + " is not in integration job " + jobId));
    }
}
