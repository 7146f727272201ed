package io.invoicesync.query.integrationjob;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.sync.InvoiceProposalHeader;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.integrationjob.rules.CustomerIsNotOnHold;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What one batch of one table map carries. Batch k of every map comes from the proforma's chunk k: the invoices map
 * takes the header (batch 1) and the proposal lines from the billed actuals, as Finance builds proposal lines from
 * them; msdyn_actuals takes the same actuals; msdyn_transactionconnections the chunk's connections.
 */
@Component
public class SyncBatches {

    private final ProformaSource source;
    private final CustomerHolds holds;

    public SyncBatches(ProformaSource source, CustomerHolds holds) {
        this.source = source;
        this.holds = holds;
    }

    /** The rows of a batch, or the rule Finance refused it by (and the record it refused). */
    public record Batch(String sourceEventId, InvoiceProposalHeader header, BilledActualsCreated actuals,
                        TransactionsConnected connections, BusinessRule refusal, String refusedRecord) {

        public boolean refused() {
            return refusal != null;
        }

        /** The event that brings this batch's rows to Finance; jobId and runId are null in real time. */
        public TableMapBatchApplied applied(UUID invoiceId, UUID jobId, UUID runId, TableMap map, int batchNumber,
                                            Instant appliedAt) {
            return new TableMapBatchApplied(invoiceId, jobId, runId, map.tableName(), batchNumber, sourceEventId,
                    header, actuals == null ? null : actuals.actuals(),
                    connections == null ? null : connections.connections(), appliedAt);
        }
    }

    public Batch batch(UUID invoiceId, TableMap map, int batchNumber, int chunks, long confirmedSequence) {
        long chunkSequence = confirmedSequence - 2L * chunks + 2L * (batchNumber - 1);
        return switch (map) {
            case INVOICES -> invoices(invoiceId, batchNumber, chunkSequence, confirmedSequence);
            case ACTUALS -> {
                ProformaSource.SourceEvent actuals = expect(invoiceId, chunkSequence, batchNumber, BilledActualsCreated.class);
                yield new Batch(actuals.eventId(), null, (BilledActualsCreated) actuals.payload(), null, null, null);
            }
            case TRANSACTION_CONNECTIONS -> {
                ProformaSource.SourceEvent connections =
                        expect(invoiceId, chunkSequence + 1, batchNumber, TransactionsConnected.class);
                yield new Batch(connections.eventId(), null, null, (TransactionsConnected) connections.payload(), null,
                        null);
            }
        };
    }

    private Batch invoices(UUID invoiceId, int batchNumber, long chunkSequence, long confirmedSequence) {
        InvoiceProposalHeader header = null;
        if (batchNumber == 1) {
            ProformaSource.SourceEvent confirmedEvent = source.eventAt(invoiceId, confirmedSequence);
            if (!(confirmedEvent.payload() instanceof ProformaConfirmed confirmed)) {
                throw new IllegalStateException("Proforma " + invoiceId + " has no confirmation at sequence "
                        + confirmedSequence);
            }
            BusinessRule customer = new CustomerIsNotOnHold(confirmed.customerId(), holds.holdReason(confirmed.customerId()));
            if (customer.isBroken()) {
                return new Batch(confirmedEvent.eventId(), null, null, null, customer, invoiceId.toString());
            }
            header = new InvoiceProposalHeader(invoiceId, confirmed.projectContractId(), confirmed.customerId(),
                    confirmed.currency(), confirmed.invoiceDate(), confirmed.invoiceHeaderText(),
                    confirmed.lineCount(), confirmed.totalAmount());
        }
        ProformaSource.SourceEvent actuals = expect(invoiceId, chunkSequence, batchNumber, BilledActualsCreated.class);
        return new Batch(actuals.eventId(), header, (BilledActualsCreated) actuals.payload(), null, null, null);
    }

    private ProformaSource.SourceEvent expect(UUID invoiceId, long sequence, int chunk, Class<?> type) {
        ProformaSource.SourceEvent event = source.eventAt(invoiceId, sequence);
        int found = event.payload() instanceof BilledActualsCreated a ? a.chunk()
                : event.payload() instanceof TransactionsConnected c ? c.chunk() : -1;
        if (!type.isInstance(event.payload()) || found != chunk) {
            // The confirmation's layout is a contract of ProformaConfirmed; a mismatch is a defect, never to be skipped.
            throw new IllegalStateException("Proforma " + invoiceId + ": expected " + type.getSimpleName() + " chunk "
                    + chunk + " at sequence " + sequence + " but found " + event.payload().getClass().getSimpleName());
        }
        return event;
    }

}
