package io.invoicesync.command.proforma;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.invoicesync.command.backlog.BacklogEntry;
import io.invoicesync.command.backlog.BacklogLookup;
import io.invoicesync.command.integrationjob.AsyncIntegration;
import io.invoicesync.command.proforma.rules.BacklogTransactionBelongsToContract;
import io.invoicesync.command.proforma.rules.BacklogTransactionExists;
import io.invoicesync.command.proforma.rules.BacklogTransactionInvoicedOnce;
import io.invoicesync.command.proforma.rules.InvoiceTotalFitsFinance;
import io.invoicesync.command.proforma.rules.LineCurrencyMatchesInvoice;
import io.invoicesync.command.proforma.rules.LineIdIsNew;
import io.invoicesync.command.proforma.rules.LineIdIsNotOnAnotherInvoice;
import io.invoicesync.command.proforma.rules.LineIsOnProforma;
import io.invoicesync.command.proforma.rules.LinesPerRequestWithinLimit;
import io.invoicesync.command.proforma.rules.ManualLineIsComplete;
import io.invoicesync.command.proforma.rules.ProformaHasLines;
import io.invoicesync.command.proforma.rules.ProformaIsConfirming;
import io.invoicesync.command.proforma.rules.ProformaIsNotConfirmedYet;
import io.invoicesync.command.proforma.rules.ProformaIsStillDraft;
import io.invoicesync.command.proforma.rules.QuantityIsPositive;
import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.backlog.TransactionClass;
import io.invoicesync.kernel.money.Amounts;
import io.invoicesync.kernel.proforma.AddInvoiceLine;
import io.invoicesync.kernel.proforma.AddInvoiceLines;
import io.invoicesync.kernel.proforma.BillConfirmedLines;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.CompleteConfirmation;
import io.invoicesync.kernel.proforma.ConfirmProforma;
import io.invoicesync.kernel.proforma.ConfirmProformaAtOnce;
import io.invoicesync.kernel.proforma.CreateProforma;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.proforma.LinesAdded;
import io.invoicesync.kernel.proforma.NewInvoiceLine;
import io.invoicesync.kernel.proforma.ProformaConfirmationStarted;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.ProformaCreated;
import io.invoicesync.kernel.proforma.RemoveInvoiceLine;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.kernel.sync.RealTimeSyncWithinLimit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ApplyMore;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A proforma invoice: a draft that gathers lines, then is confirmed into billed actuals and transaction connections.
 * It keeps only what its decisions need (status, currency, contract, a holding per line), never the line bodies, so
 * line 100,000 costs what line 1 did; those bodies live in its events.
 */
@Aggregate(cache = "proformaCache", snapshotTriggerDefinition = "proformaSnapshotTrigger")
public class ProformaInvoice {

    @AggregateIdentifier
    private UUID invoiceId;
    private String projectContractId;
    private String customerId;
    private String currency;
    private LocalDate invoiceDate;
    private String invoiceHeaderText;
    private ProformaStatus status;
    private Map<UUID, LineHolding> lines = new HashMap<>();
    private BigDecimal totalAmount = Amounts.money(BigDecimal.ZERO);
    private int billedChunks;
    private int billedActuals;
    private int connections;
    private int confirmedLines;

    protected ProformaInvoice() {
        // for Axon
    }

    /** Creates the draft, and adds its first lines in the same transaction: a line refused, nothing is written. */
    @CommandHandler
    ProformaInvoice(CreateProforma command, Clock clock, BacklogLookup backlog, LineIdLookup lineIds) {
        ApplyMore created = apply(new ProformaCreated(command.invoiceId(),
                command.projectContractId(), command.customerId(), command.currency().code(), command.invoiceDate(),
                command.invoiceHeaderText(), clock.instant()));
        if (!command.lines().isEmpty()) {
            // Once the creation is applied: the lines' rules read the draft's contract and currency.
            created.andThen(() -> addLines(command.lines(), backlog, lineIds));
        }
    }

    @CommandHandler
    LinesAdded decide(AddInvoiceLines command, BacklogLookup backlog, LineIdLookup lineIds) {
        return addLines(command.lines(), backlog, lineIds);
    }

    @CommandHandler
    LinesAdded decide(AddInvoiceLine command, BacklogLookup backlog, LineIdLookup lineIds) {
        return addLines(List.of(command.line()), backlog, lineIds);
    }

    private LinesAdded addLines(List<NewInvoiceLine> requested, BacklogLookup backlog, LineIdLookup lineIdLookup) {
        new ProformaIsStillDraft(status).verify();
        new LinesPerRequestWithinLimit(requested.size()).verify();
        Map<UUID, BacklogEntry> entries = backlog.find(requested.stream()
                .map(NewInvoiceLine::backlogTransactionId).filter(Objects::nonNull).toList());
        Map<UUID, UUID> holders = lineIdLookup.holdersOf(requested.stream().map(NewInvoiceLine::lineId).toList());
        Set<UUID> lineIds = new HashSet<>(lines.keySet());
        Set<UUID> transactionsInRequest = new HashSet<>();
        List<InvoiceLine> added = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            NewInvoiceLine line = requested.get(i);
            new LineIdIsNew(i, line.lineId(), lineIds).verify();
            new LineIdIsNotOnAnotherInvoice(i, line.lineId(), holders.get(line.lineId()), invoiceId).verify();
            lineIds.add(line.lineId());
            added.add(line.isFromBacklog()
                    ? fromBacklog(i, line, entries.get(line.backlogTransactionId()), transactionsInRequest)
                    : manualFee(i, line));
        }
        new InvoiceTotalFitsFinance(added.stream().map(InvoiceLine::amount).reduce(totalAmount, BigDecimal::add))
                .verify();
        apply(new InvoiceLinesAdded(invoiceId, added));
        return new LinesAdded(added.stream().map(InvoiceLine::lineId).toList(), AggregateLifecycle.getVersion());
    }

    private InvoiceLine fromBacklog(int index, NewInvoiceLine line, BacklogEntry entry, Set<UUID> transactionsInRequest) {
        new BacklogTransactionExists(index, line.backlogTransactionId(), entry).verify();
        new BacklogTransactionBelongsToContract(index, entry, projectContractId).verify();
        new BacklogTransactionInvoicedOnce(index, entry, invoiceId, transactionsInRequest).verify();
        BillableTransaction transaction = entry.transaction();
        new LineCurrencyMatchesInvoice("lines[" + index + "].backlogTransactionId", transaction.currency(), currency)
                .verify();
        transactionsInRequest.add(transaction.transactionId());
        return new InvoiceLine(line.lineId(), transaction.transactionId(), transaction.transactionClass(),
                transaction.projectId(), transaction.contractLineId(), transaction.description(),
                transaction.quantity(), transaction.unitPrice(),
                Amounts.lineAmount(transaction.quantity(), transaction.unitPrice()), transaction.transactionDate());
    }

    private InvoiceLine manualFee(int index, NewInvoiceLine line) {
        new ManualLineIsComplete(index, line).verify();
        new QuantityIsPositive(index, line.quantity()).verify();
        new LineCurrencyMatchesInvoice("lines[" + index + "].currency", line.currency(), currency).verify();
        return new InvoiceLine(line.lineId(), null, TransactionClass.FEE.name(), null, null, line.description(),
                line.quantity(), line.unitPrice(), Amounts.lineAmount(line.quantity(), line.unitPrice()), invoiceDate);
    }

    /** Answers the proforma's version after the removal. */
    @CommandHandler
    long decide(RemoveInvoiceLine command) {
        new ProformaIsStillDraft(status).verify();
        new LineIsOnProforma(command.lineId(), lines.keySet()).verify();
        LineHolding holding = lines.get(command.lineId());
        apply(new InvoiceLineRemoved(invoiceId, command.lineId(), holding.backlogTransactionId(), holding.amount()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Begins the confirmation: from here the proforma does not change, and its lines are billed chunk by chunk
     * ({@link ProformaConfirmation} drives it). Confirming a proforma whose confirmation was cut short resumes it:
     * answers how many chunks are billed already.
     */
    @CommandHandler
    int decide(ConfirmProforma command, AsyncIntegration asyncIntegration, Clock clock) {
        if (status == ProformaStatus.CONFIRMING) {
            return billedChunks;
        }
        new ProformaIsNotConfirmedYet(invoiceId, status, confirmedLines, totalAmount, currency).verify();
        new ProformaIsStillDraft(status).verify();
        new ProformaHasLines(lines.size()).verify();
        new RealTimeSyncWithinLimit("lines", asyncIntegration.owner().isPresent(), lines.size()).verify();
        apply(new ProformaConfirmationStarted(invoiceId, lines.size(), clock.instant()));
        return 0;
    }

    /**
     * A proforma of at most one chunk confirmed in one transaction: the same rules and events as the three steps of a
     * larger one. The lines read from the history must be exactly the proforma's own (a line added or removed since
     * they were read): otherwise nothing is applied and the answer is null, and the caller goes chunk by chunk.
     */
    @CommandHandler
    ProformaConfirmed decide(ConfirmProformaAtOnce command, AsyncIntegration asyncIntegration, Clock clock) {
        if (status == ProformaStatus.DRAFT && !areTheLines(command.lines())) {
            return null;
        }
        int billed = decide(new ConfirmProforma(command.invoiceId(), command.expectedVersion()), asyncIntegration,
                clock);
        if (billed == 0) {
            decide(new BillConfirmedLines(command.invoiceId(), 1, command.lines()));
        }
        return decide(new CompleteConfirmation(command.invoiceId()), clock);
    }

    private boolean areTheLines(List<InvoiceLine> read) {
        if (read.size() != lines.size()) {
            return false;
        }
        for (InvoiceLine line : read) {
            LineHolding held = lines.get(line.lineId());
            if (held == null || !Objects.equals(held.backlogTransactionId(), line.backlogTransactionId())
                    || held.amount().compareTo(line.amount()) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bills one chunk: per line a billed sales actual and its transaction connections. A chunk billed already (two
     * confirmations racing, or a resumed one) changes nothing; one out of order is a defect of the caller.
     */
    @CommandHandler
    void decide(BillConfirmedLines command) {
        new ProformaIsConfirming(status).verify();
        if (command.chunk() <= billedChunks) {
            return;
        }
        if (command.chunk() != billedChunks + 1) {
            throw new IllegalStateException("Proforma " + invoiceId + " has billed " + billedChunks
                    + " chunks; chunk " + command.chunk() + " cannot come next");
        }
        BillingOnConfirmation billing = new BillingOnConfirmation(currency);
        apply(new BilledActualsCreated(invoiceId, command.chunk(), billing.actualsFor(command.lines())));
        apply(new TransactionsConnected(invoiceId, command.chunk(), billing.connectionsFor(command.lines())));
    }

    /**
     * Ends the confirmation with {@link ProformaConfirmed}, carrying the counts a reader can check completeness
     * against, once every line is billed.
     */
    @CommandHandler
    ProformaConfirmed decide(CompleteConfirmation command, Clock clock) {
        new ProformaIsConfirming(status).verify();
        if (billedActuals != lines.size()) {
            // The history and the aggregate's own count must agree; a mismatch means a lost event, never to ship.
            throw new IllegalStateException("Proforma " + invoiceId + " holds " + lines.size()
                    + " lines but " + billedActuals + " are billed; refusing to complete its confirmation");
        }
        ProformaConfirmed confirmed = new ProformaConfirmed(invoiceId, projectContractId, customerId, currency,
                invoiceDate, invoiceHeaderText, lines.size(), totalAmount, billedActuals, connections, billedChunks,
                clock.instant());
        apply(confirmed);
        return confirmed;
    }

    @EventSourcingHandler
    void evolve(ProformaCreated event) {
        invoiceId = event.invoiceId();
        projectContractId = event.projectContractId();
        customerId = event.customerId();
        currency = event.currency();
        invoiceDate = event.invoiceDate();
        invoiceHeaderText = event.invoiceHeaderText();
        status = ProformaStatus.DRAFT;
    }

    @EventSourcingHandler
    void evolve(InvoiceLinesAdded event) {
        for (InvoiceLine line : event.lines()) {
            lines.put(line.lineId(), new LineHolding(line.backlogTransactionId(), line.amount()));
            totalAmount = totalAmount.add(line.amount());
        }
    }

    @EventSourcingHandler
    void evolve(InvoiceLineRemoved event) {
        lines.remove(event.lineId());
        totalAmount = totalAmount.subtract(event.amount());
    }

    @EventSourcingHandler
    void evolve(ProformaConfirmationStarted event) {
        status = ProformaStatus.CONFIRMING;
    }

    @EventSourcingHandler
    void evolve(BilledActualsCreated event) {
        // Before chunked confirmations, a confirmation was one unit of work that set no CONFIRMING status.
        status = ProformaStatus.CONFIRMING;
        billedChunks = event.chunk();
        billedActuals += event.actuals().size();
    }

    @EventSourcingHandler
    void evolve(TransactionsConnected event) {
        connections += event.connections().size();
    }

    @EventSourcingHandler
    void evolve(ProformaConfirmed event) {
        status = ProformaStatus.CONFIRMED;
        confirmedLines = event.lineCount();
        totalAmount = event.totalAmount();
        // A confirmed proforma never changes again: its line holdings are no longer needed, in memory or snapshot.
        lines = new HashMap<>();
    }
}
