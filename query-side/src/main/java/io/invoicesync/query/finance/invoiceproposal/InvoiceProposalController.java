package io.invoicesync.query.finance.invoiceproposal;

import io.invoicesync.platform.web.NotFound;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.input.PlainText;
import io.invoicesync.query.finance.invoiceproposal.InvoiceProposalReader.Line;
import io.invoicesync.query.finance.invoiceproposal.InvoiceProposalReader.Proposal;
import io.invoicesync.query.finance.invoiceproposal.InvoiceProposalReader.RowTrace;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.InvoiceProgressReader.AppliedBatch;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/invoice-proposals")
class InvoiceProposalController {

    private final InvoiceProposalReader proposals;
    private final InvoiceProgressReader progress;

    InvoiceProposalController(InvoiceProposalReader proposals, InvoiceProgressReader progress) {
        this.proposals = proposals;
        this.progress = progress;
    }

    record Trace(UUID invoiceProposalId, String syncMode, List<AppliedBatch> batches, RowTrace row) {
    }

    /** Proposals, newest first, filterable by project contract and customer. */
    @GetMapping
    Page<Proposal> list(@RequestParam(required = false) @Size(max = 100) @PlainText String projectContractId,
                        @RequestParam(required = false) @Size(max = 100) @PlainText String customerId,
                        @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return proposals.proposals(projectContractId, customerId, Paging.of(page, size));
    }

    /** One proposal: header, totals, and how many of its lines Finance holds now. */
    @GetMapping("/{invoiceProposalId}")
    Proposal one(@PathVariable UUID invoiceProposalId) {
        return proposals.proposal(invoiceProposalId).orElseThrow(() -> notFound(invoiceProposalId));
    }

    @GetMapping("/{invoiceProposalId}/lines")
    Page<Line> lines(@PathVariable UUID invoiceProposalId, @RequestParam(required = false) Integer page,
                     @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        one(invoiceProposalId);
        return proposals.lines(invoiceProposalId, paging);
    }

    /**
     * G5: every batch that brought this invoice's rows to Finance (map, run, the applying event, the proforma event
     * it came from); with {@code rowId}, one row of any of the four tables and only the batch that brought it.
     */
    @GetMapping("/{invoiceProposalId}/trace")
    Trace trace(@PathVariable UUID invoiceProposalId, @RequestParam(required = false) UUID rowId) {
        Proposal proposal = one(invoiceProposalId);
        RowTrace row = rowId == null ? null
                : proposals.rowTrace(invoiceProposalId, rowId).orElseThrow(() -> notFound(rowId));
        List<AppliedBatch> batches = progress.batchesOf(invoiceProposalId, row == null ? null : row.tableMap(),
                row == null ? 0 : row.batchNumber());
        return new Trace(invoiceProposalId, proposal.syncMode(), batches, row);
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("Finance holds no invoice proposal or row " + id);
    }
}
