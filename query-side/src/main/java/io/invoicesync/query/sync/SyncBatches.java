package io.invoicesync.query.sync;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.ConfirmationLayout;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.sync.InvoiceProposalHeader;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.sync.rules.FinanceRules;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Which source event each batch of a table map comes from. Batch k of every map is the proforma's chunk k: the
 * invoices map takes the header (batch 1) and the proposal lines from the billed actuals, as Finance builds proposal
 * lines from them; msdyn_actuals takes the same actuals; msdyn_transactionconnections the chunk's connections. The
 * batch names its source event; it never reads or copies the rows (the Finance writer does, {@code FinanceBatches}).
 */
@Component
public class SyncBatches {

    private final ProformaSource source;
    private final FinanceRules rules;
    private final int inFlight;

    public SyncBatches(ProformaSource source, FinanceRules rules, SyncProperties settings) {
        this.source = source;
        this.rules = rules;
        this.inFlight = settings.batchesInFlight();
    }

    public int inFlight() {
        return inFlight;
    }

    /** A batch to send, or the rule Finance refused it by (and the record it refused). */
    public record Batch(String sourceEventId, InvoiceProposalHeader header, BusinessRule refusal,
                        String refusedRecord) {

        public boolean refused() {
            return refusal != null;
        }

        /** The event that brings this batch's rows to Finance; jobId and runId are null in real time. */
        public TableMapBatchApplied applied(UUID invoiceId, UUID jobId, UUID runId, TableMap map, int batchNumber,
                                            Instant appliedAt) {
            return new TableMapBatchApplied(invoiceId, jobId, runId, map.tableName(), batchNumber, sourceEventId,
                    header, appliedAt, null);
        }
    }

    public Batch batch(UUID invoiceId, TableMap map, int batchNumber, ConfirmationLayout layout) {
        return switch (map) {
            case INVOICES -> invoices(invoiceId, batchNumber, layout);
            case ACTUALS -> new Batch(expect(invoiceId, layout.actualsOf(batchNumber), BilledActualsCreated.class),
                    null, null, null);
            case TRANSACTION_CONNECTIONS -> new Batch(expect(invoiceId, layout.connectionsOf(batchNumber),
                    TransactionsConnected.class), null, null, null);
        };
    }

    private Batch invoices(UUID invoiceId, int batchNumber, ConfirmationLayout layout) {
        InvoiceProposalHeader header = null;
        if (batchNumber == 1) {
            ProformaSource.SourceEvent confirmedEvent = source.eventAt(invoiceId, layout.confirmedSequence());
            if (!(confirmedEvent.payload() instanceof ProformaConfirmed confirmed)) {
                throw new IllegalStateException("Proforma " + invoiceId + " has no confirmation at sequence "
                        + layout.confirmedSequence());
            }
            Optional<BusinessRule> broken = rules.broken(confirmed);
            if (broken.isPresent()) {
                return new Batch(confirmedEvent.eventId(), null, broken.get(), invoiceId.toString());
            }
            header = InvoiceProposalHeader.of(confirmed);
        }
        return new Batch(expect(invoiceId, layout.actualsOf(batchNumber), BilledActualsCreated.class), header, null,
                null);
    }

    private String expect(UUID invoiceId, long sequence, Class<?> type) {
        ProformaSource.SourceRef event = source.locate(invoiceId, sequence);
        if (!type.getName().equals(event.payloadType())) {
            // The confirmation's layout is a contract of ProformaConfirmed; a mismatch is a defect, never to be skipped.
            throw new IllegalStateException("Proforma " + invoiceId + ": expected " + type.getSimpleName()
                    + " at sequence " + sequence + " but found " + event.payloadType());
        }
        return event.eventId();
    }
}
