package io.invoicesync.command.proforma;

import io.invoicesync.command.AggregateIds;
import io.invoicesync.command.idempotency.KeyedRequests;
import io.invoicesync.command.integrationjob.AsyncIntegration;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * Confirming one proforma as a request does, the single confirm and each invoice of a bulk confirm alike: the
 * confirmation ({@link ProformaConfirmation}), then Finance: queued for the job that owns the table maps, or synced
 * in real time while none does.
 */
@Component
class ProformaConfirmations {

    /** What a confirm answers: the confirmed invoice and how it goes to Finance. */
    record Confirmed(UUID invoiceId, String status, int lineCount, BigDecimal totalAmount, String currency,
                     int billedActuals, int transactionConnections, RealTimeFinanceSync.Outcome financeSync) {
    }

    private final ProformaConfirmation confirmation;
    private final AsyncIntegration asyncIntegration;
    private final RealTimeFinanceSync realTime;
    private final AggregateIds aggregates;
    private final KeyedRequests keyed;

    ProformaConfirmations(ProformaConfirmation confirmation, AsyncIntegration asyncIntegration,
                          RealTimeFinanceSync realTime, AggregateIds aggregates, KeyedRequests keyed) {
        this.keyed = keyed;
        this.confirmation = confirmation;
        this.asyncIntegration = asyncIntegration;
        this.realTime = realTime;
        this.aggregates = aggregates;
    }

    /**
     * Confirms; a request sent with an Idempotency-Key ({@code requestKey}) that finds the invoice confirmed by its own
     * earlier attempt (whose last commit was in doubt: that attempt answered 503) answers that confirmation.
     */
    Confirmed confirm(UUID invoiceId, Long expectedVersion, Optional<String> requestKey) {
        aggregates.verifyIs("invoiceId", invoiceId, ProformaInvoice.class);
        ProformaConfirmed confirmed = keyed.once(() -> confirmation.confirm(invoiceId, expectedVersion), invoiceId,
                requestKey.orElse(null), ProformaConfirmed.class, DomainEventMessage::getPayload);
        // An async job that owns the table maps syncs this invoice in the background, now or at its next run.
        RealTimeFinanceSync.Outcome sync = asyncIntegration.owner()
                .map(owner -> owner.active()
                        ? new RealTimeFinanceSync.Outcome("ASYNC", "QUEUED", "Integration job " + owner.jobId()
                                + " syncs this invoice; watch GET /api/integration-jobs/" + owner.jobId())
                        : new RealTimeFinanceSync.Outcome("ASYNC", "WAITING", "Integration job " + owner.jobId()
                                + " is stopped; this invoice waits for its next run"))
                .orElseGet(() -> realTime.sync(invoiceId));
        return new Confirmed(invoiceId, "CONFIRMED", confirmed.lineCount(), confirmed.totalAmount(),
                confirmed.currency(), confirmed.actualCount(), confirmed.connectionCount(), sync);
    }
}
