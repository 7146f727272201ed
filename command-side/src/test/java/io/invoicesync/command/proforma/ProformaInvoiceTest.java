package io.invoicesync.command.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.integrationjob.AsyncIntegration;
import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.money.CurrencyCode;
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
import io.invoicesync.kernel.proforma.TransactionConnection;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.kernel.rules.Refusal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProformaInvoiceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID OTHER_INVOICE = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    private static final LocalDate DATE = LocalDate.of(2026, 11, 24);
    private static final UUID TIME_TX = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    private static final UUID USD_TX = UUID.fromString("00000000-0000-0000-0000-0000000000f2");
    private static final UUID TAKEN_TX = UUID.fromString("00000000-0000-0000-0000-0000000000f3");
    private static final UUID OTHER_CONTRACT_TX = UUID.fromString("00000000-0000-0000-0000-0000000000f4");
    /** A line id another invoice holds already (the JDBC ledger is exercised by the Spring tests). */
    private static final UUID TAKEN_LINE = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

    private AggregateTestFixture<ProformaInvoice> fixture;
    private Optional<UUID> activeJob = Optional.empty();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProformaInvoice.class);
        InMemoryBacklog backlog = new InMemoryBacklog()
                .add("PC-1", transaction(TIME_TX, "EUR"), null)
                .add("PC-1", transaction(USD_TX, "USD"), null)
                .add("PC-1", transaction(TAKEN_TX, "EUR"), OTHER_INVOICE)
                .add("PC-2", transaction(OTHER_CONTRACT_TX, "EUR"), null);
        fixture.registerInjectableResource(backlog);
        fixture.registerInjectableResource((LineIdLookup) ids -> ids.stream().filter(TAKEN_LINE::equals)
                .collect(Collectors.toMap(id -> id, id -> OTHER_INVOICE)));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((AsyncIntegration) () -> activeJob.map(job -> new AsyncIntegration.Owner(job, true)));
    }

    private static BillableTransaction transaction(UUID id, String currency) {
        return new BillableTransaction(id, "P-1", "CL-1", "TIME", new BigDecimal("8.00"), new BigDecimal("120.5000"),
                currency, LocalDate.of(2026, 11, 1), "Design work");
    }

    private static ProformaCreated created() {
        return new ProformaCreated(INVOICE, "PC-1", "CUST-1", "EUR", DATE, "November", NOW);
    }

    private static InvoiceLine feeLine(UUID lineId, String amount) {
        return new InvoiceLine(lineId, null, "FEE", null, null, "Fee", BigDecimal.ONE, new BigDecimal(amount),
                new BigDecimal(amount).setScale(4), DATE);
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }

    @Test
    void createsADraftProforma() {
        fixture.givenNoPriorActivity()
                .when(new CreateProforma(INVOICE, "PC-1", "CUST-1", new CurrencyCode("EUR"), DATE, "November"))
                .expectEvents(created());
    }

    @Test
    void createsADraftWithItsFirstLinesInOneGo() {
        fixture.givenNoPriorActivity()
                .when(new CreateProforma(INVOICE, "PC-1", "CUST-1", new CurrencyCode("EUR"), DATE, "November",
                        List.of(NewInvoiceLine.manualFee(id(1), "Fee", BigDecimal.ONE, new BigDecimal("500"), null))))
                .expectEvents(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "500"))));
    }

    @Test
    void aDraftWhoseFirstLineIsRefusedIsNotCreatedEither() {
        fixture.givenNoPriorActivity()
                .when(new CreateProforma(INVOICE, "PC-1", "CUST-1", new CurrencyCode("EUR"), DATE, "November",
                        List.of(NewInvoiceLine.manualFee(id(1), "Fee", BigDecimal.ONE, BigDecimal.TEN, "USD"))))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The line is in USD but the proforma invoice is in EUR")
                .expectNoEvents();
    }

    @Test
    void takesABacklogLineWithTheBacklogsValues() {
        UUID line = id(1);
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.fromBacklog(line, TIME_TX)))
                .expectEvents(new InvoiceLinesAdded(INVOICE, List.of(new InvoiceLine(line, TIME_TX, "TIME", "P-1",
                        "CL-1", "Design work", new BigDecimal("8.00"), new BigDecimal("120.5000"),
                        new BigDecimal("964.0000"), LocalDate.of(2026, 11, 1)))))
                .expectResultMessagePayload(new LinesAdded(List.of(line), 1));
    }

    @Test
    void addsAManualFeeLine() {
        UUID line = id(1);
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(line, "Fee", BigDecimal.ONE,
                        new BigDecimal("500"), null)))
                .expectEvents(new InvoiceLinesAdded(INVOICE, List.of(feeLine(line, "500"))));
    }

    @Test
    void refusesLinesOnAConfirmedProforma() {
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "10"))),
                        confirmed(1, "10.0000", 1, 1))
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(id(2), "Fee", BigDecimal.ONE,
                        BigDecimal.TEN, null)))
                .expectNoEvents()
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("The proforma invoice is confirmed; only a draft can change");
    }

    @Test
    void refusesALineInAnotherCurrency() {
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.fromBacklog(id(1), USD_TX)))
                .expectNoEvents()
                .expectExceptionMessage("The line is in USD but the proforma invoice is in EUR");
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(id(1), "Fee", BigDecimal.ONE,
                        BigDecimal.TEN, "GBP")))
                .expectNoEvents()
                .expectExceptionMessage("The line is in GBP but the proforma invoice is in EUR");
    }

    @Test
    void refusesAZeroOrNegativeQuantity() {
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(id(1), "Fee", BigDecimal.ZERO,
                        BigDecimal.TEN, null)))
                .expectNoEvents()
                .expectExceptionMessage("The quantity must be greater than zero, was 0");
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(id(1), "Fee", new BigDecimal("-2"),
                        BigDecimal.TEN, null)))
                .expectNoEvents()
                .expectExceptionMessage("The quantity must be greater than zero, was -2");
    }

    @Test
    void refusesAManualLineWithoutPrice() {
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(id(1), "Fee", BigDecimal.ONE, null, null)))
                .expectNoEvents()
                .expectExceptionMessage("A manual fee line needs a description, a quantity and a unitPrice "
                        + "(or name a backlogTransactionId)");
    }

    @Test
    void refusesABacklogTransactionAlreadyOnAnotherInvoice() {
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.fromBacklog(id(1), TAKEN_TX)))
                .expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof BusinessRuleViolation v
                        && v.refusal() == Refusal.STATE_CONFLICT))
                .expectExceptionMessage("Backlog transaction " + TAKEN_TX + " is already on proforma invoice "
                        + OTHER_INVOICE + "; a transaction is invoiced once");
    }

    @Test
    void refusesTheSameBacklogTransactionTwiceInOneRequest() {
        fixture.given(created())
                .when(new AddInvoiceLines(INVOICE, List.of(NewInvoiceLine.fromBacklog(id(1), TIME_TX),
                        NewInvoiceLine.fromBacklog(id(2), TIME_TX))))
                .expectNoEvents()
                .expectExceptionMessage("Backlog transaction " + TIME_TX + " is already on this proforma invoice; "
                        + "a transaction is invoiced once");
    }

    @Test
    void refusesAnUnknownBacklogTransaction() {
        UUID unknown = id(999);
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.fromBacklog(id(1), unknown)))
                .expectNoEvents()
                .expectExceptionMessage("Backlog transaction " + unknown + " is not in the billing backlog");
    }

    @Test
    void refusesABacklogTransactionOfAnotherContract() {
        fixture.given(created())
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.fromBacklog(id(1), OTHER_CONTRACT_TX)))
                .expectNoEvents()
                .expectExceptionMessage("Backlog transaction " + OTHER_CONTRACT_TX + " belongs to project contract "
                        + "PC-2, not to this invoice's contract PC-1");
    }

    @Test
    void refusesMoreThan5000LinesPerRequest() {
        List<NewInvoiceLine> lines = IntStream.rangeClosed(1, 5_001)
                .mapToObj(n -> NewInvoiceLine.manualFee(id(n), "Fee", BigDecimal.ONE, BigDecimal.ONE, null)).toList();
        fixture.given(created())
                .when(new AddInvoiceLines(INVOICE, lines))
                .expectNoEvents()
                .expectExceptionMessage("Add between 1 and 5000 lines per request, not 5001; larger invoices are "
                        + "built in several requests");
    }

    @Test
    void refusesALineIdAlreadyOnTheInvoice() {
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "10"))))
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(id(1), "Fee", BigDecimal.ONE,
                        BigDecimal.TEN, null)))
                .expectNoEvents()
                .expectExceptionMessage("Line " + id(1) + " is already on this proforma invoice");
    }

    @Test
    void refusesALineIdAnotherInvoiceHolds() {
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "10"))))
                .when(new AddInvoiceLines(INVOICE, List.of(
                        NewInvoiceLine.manualFee(id(2), "Fee", BigDecimal.ONE, BigDecimal.TEN, null),
                        NewInvoiceLine.manualFee(TAKEN_LINE, "Fee", BigDecimal.ONE, BigDecimal.TEN, null)), null))
                .expectNoEvents()
                .expectException(Matchers.matches((BusinessRuleViolation e) -> e.rule().equals("id-already-taken")
                        && e.field().equals("lines[1].lineId") && e.refusal() == Refusal.STATE_CONFLICT))
                .expectExceptionMessage("Line id " + TAKEN_LINE + " is already taken by proforma invoice "
                        + OTHER_INVOICE + "; a line id is unique across all invoices: leave lineId out to get a new "
                        + "one, or choose another");
    }

    @Test
    void removesALineAndReleasesItsBacklogTransaction() {
        InvoiceLine line = new InvoiceLine(id(1), TIME_TX, "TIME", "P-1", "CL-1", "Design work",
                new BigDecimal("8.00"), new BigDecimal("120.5000"), new BigDecimal("964.0000"), DATE);
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(line)))
                .when(new RemoveInvoiceLine(INVOICE, id(1)))
                .expectEvents(new InvoiceLineRemoved(INVOICE, id(1), TIME_TX, new BigDecimal("964.0000")));
    }

    @Test
    void refusesToRemoveALineThatIsNotThere() {
        fixture.given(created())
                .when(new RemoveInvoiceLine(INVOICE, id(7)))
                .expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof BusinessRuleViolation v
                        && v.refusal() == Refusal.NOT_FOUND))
                .expectExceptionMessage("Line " + id(7) + " is not on this proforma invoice");
    }

    @Test
    void refusesToConfirmWithoutLines() {
        fixture.given(created())
                .when(new ConfirmProforma(INVOICE))
                .expectNoEvents()
                .expectExceptionMessage("A proforma invoice needs at least one line to be confirmed");
    }

    @Test
    void aSecondConfirmSaysItIsConfirmedAlreadyWithWhatWasConfirmed() {
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "10"))),
                        confirmed(1, "10.0000", 1, 1))
                .when(new ConfirmProforma(INVOICE))
                .expectNoEvents()
                .expectException(Matchers.matches((BusinessRuleViolation e) ->
                        e.rule().equals("proforma-is-not-confirmed-yet")))
                .expectExceptionMessage("Proforma invoice " + INVOICE + " is confirmed already (1 line, total 10.0000 "
                        + "EUR); confirming it again changes nothing. Its confirmation and Finance sync: "
                        + "GET /api/proformas/" + INVOICE + " on the query side");
    }

    @Test
    void confirmingFreezesTheProformaBeforeItsLinesAreBilled() {
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "10"), feeLine(id(2), "5"))))
                .when(new ConfirmProforma(INVOICE))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(0)
                .expectEvents(new ProformaConfirmationStarted(INVOICE, 2, NOW));
    }

    @Test
    void refusesLinesWhileBeingConfirmed() {
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "10"))),
                        new ProformaConfirmationStarted(INVOICE, 1, NOW))
                .when(new AddInvoiceLine(INVOICE, NewInvoiceLine.manualFee(id(2), "Fee", BigDecimal.ONE, BigDecimal.TEN,
                        "EUR")))
                .expectNoEvents()
                .expectExceptionMessage("The proforma invoice is being confirmed; only a draft can change");
    }

    @Test
    void billsAChunkIntoActualsAndConnections() {
        InvoiceLine backlogLine = new InvoiceLine(id(1), TIME_TX, "TIME", "P-1", "CL-1", "Design work",
                new BigDecimal("8.00"), new BigDecimal("120.5000"), new BigDecimal("964.0000"), DATE);
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(backlogLine, feeLine(id(2), "10"))),
                        new ProformaConfirmationStarted(INVOICE, 2, NOW))
                .when(new BillConfirmedLines(INVOICE, 1, List.of(backlogLine, feeLine(id(2), "10"))))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(p -> p instanceof BilledActualsCreated b && b.chunk() == 1
                                && b.actuals().size() == 2
                                && b.actuals().get(0).unbilledTransactionId().equals(TIME_TX)
                                && b.actuals().get(0).amount().equals(new BigDecimal("964.0000"))
                                && b.actuals().get(1).invoiceLineId().equals(id(2))),
                        Matchers.predicate(p -> p instanceof TransactionsConnected t && t.chunk() == 1
                                && t.connections().size() == 3
                                && t.connections().stream().filter(c -> c.transaction1Role()
                                        .equals(TransactionConnection.ROLE_UNBILLED_SALES)).count() == 1),
                        Matchers.andNoMore())));
    }

    @Test
    void confirmsAProformaOfOneChunkInOneCommand() {
        List<InvoiceLine> lines = List.of(feeLine(id(1), "10"), feeLine(id(2), "5"));
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, lines))
                .when(new ConfirmProformaAtOnce(INVOICE, null, lines))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(Matchers.predicate(p -> p instanceof ProformaConfirmed c
                        && c.lineCount() == 2 && c.chunks() == 1))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(p -> p instanceof ProformaConfirmationStarted s && s.lineCount() == 2),
                        Matchers.predicate(p -> p instanceof BilledActualsCreated b && b.chunk() == 1
                                && b.actuals().size() == 2),
                        Matchers.predicate(p -> p instanceof TransactionsConnected t && t.chunk() == 1),
                        Matchers.predicate(p -> p instanceof ProformaConfirmed c
                                && c.totalAmount().equals(new BigDecimal("15.0000"))),
                        Matchers.andNoMore())));
    }

    @Test
    void confirmsNothingAtOnceWithLinesThatAreNoLongerItsOwn() {
        List<InvoiceLine> read = List.of(feeLine(id(1), "10"));
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, List.of(feeLine(id(1), "10"), feeLine(id(2), "5"))))
                .when(new ConfirmProformaAtOnce(INVOICE, null, read))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(null)
                .expectNoEvents();
    }

    @Test
    void refusesToConfirmAtOnceWhatIsConfirmedAlready() {
        List<InvoiceLine> lines = List.of(feeLine(id(1), "10"));
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, lines), confirmed(1, "10.0000", 1, 1))
                .when(new ConfirmProformaAtOnce(INVOICE, null, lines))
                .expectNoEvents()
                .expectException(Matchers.matches((BusinessRuleViolation e) ->
                        e.rule().equals("proforma-is-not-confirmed-yet")));
    }

    @Test
    void completesWithTheCountsOnceEveryLineIsBilled() {
        List<InvoiceLine> lines = IntStream.rangeClosed(1, 2_500).mapToObj(n -> feeLine(id(n), "1")).toList();
        BillingOnConfirmation billing = new BillingOnConfirmation("EUR");
        List<Object> given = new ArrayList<>(List.of(created(), new InvoiceLinesAdded(INVOICE, lines),
                new ProformaConfirmationStarted(INVOICE, 2_500, NOW)));
        for (int chunk = 1; chunk <= 3; chunk++) {
            List<InvoiceLine> part = lines.subList((chunk - 1) * 1_000, Math.min(2_500, chunk * 1_000));
            given.add(new BilledActualsCreated(INVOICE, chunk, billing.actualsFor(part)));
            given.add(new TransactionsConnected(INVOICE, chunk, billing.connectionsFor(part)));
        }
        fixture.given(given)
                .when(new CompleteConfirmation(INVOICE))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(p -> p instanceof ProformaConfirmed c && c.lineCount() == 2_500
                                && c.actualCount() == 2_500 && c.connectionCount() == 2_500 && c.chunks() == 3
                                && c.totalAmount().equals(new BigDecimal("2500.0000"))),
                        Matchers.andNoMore())));
    }

    @Test
    void refusesToCompleteBeforeEveryLineIsBilled() {
        List<InvoiceLine> lines = List.of(feeLine(id(1), "1"), feeLine(id(2), "1"));
        BillingOnConfirmation billing = new BillingOnConfirmation("EUR");
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, lines), new ProformaConfirmationStarted(INVOICE, 2, NOW),
                        new BilledActualsCreated(INVOICE, 1, billing.actualsFor(lines.subList(0, 1))),
                        new TransactionsConnected(INVOICE, 1, billing.connectionsFor(lines.subList(0, 1))))
                .when(new CompleteConfirmation(INVOICE))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }

    @Test
    void resumesAConfirmationCutShortAfterItsBilledChunks() {
        List<InvoiceLine> lines = List.of(feeLine(id(1), "1"));
        BillingOnConfirmation billing = new BillingOnConfirmation("EUR");
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, lines), new ProformaConfirmationStarted(INVOICE, 1, NOW),
                        new BilledActualsCreated(INVOICE, 1, billing.actualsFor(lines)),
                        new TransactionsConnected(INVOICE, 1, billing.connectionsFor(lines)))
                .when(new ConfirmProforma(INVOICE))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void billsAChunkOnlyOnce() {
        List<InvoiceLine> lines = List.of(feeLine(id(1), "1"));
        BillingOnConfirmation billing = new BillingOnConfirmation("EUR");
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, lines), new ProformaConfirmationStarted(INVOICE, 1, NOW),
                        new BilledActualsCreated(INVOICE, 1, billing.actualsFor(lines)),
                        new TransactionsConnected(INVOICE, 1, billing.connectionsFor(lines)))
                .when(new BillConfirmedLines(INVOICE, 1, lines))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToConfirmMoreThan1000LinesForRealTimeSync() {
        List<InvoiceLine> lines = IntStream.rangeClosed(1, 1_001).mapToObj(n -> feeLine(id(n), "1")).toList();
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, lines))
                .when(new ConfirmProforma(INVOICE))
                .expectNoEvents()
                .expectExceptionMessage("This proforma has 1001 lines; real-time sync to Finance takes at most 1000. "
                        + "Create an asynchronous integration job with the invoices, msdyn_actuals and "
                        + "msdyn_transactionconnections table maps, save and run it (POST /api/integration-jobs), "
                        + "then confirm again");
    }

    @Test
    void confirmsMoreThan1000LinesWhileAnAsyncJobIsActive() {
        activeJob = Optional.of(UUID.randomUUID());
        List<InvoiceLine> lines = IntStream.rangeClosed(1, 1_001).mapToObj(n -> feeLine(id(n), "1")).toList();
        fixture.given(created(), new InvoiceLinesAdded(INVOICE, lines))
                .when(new ConfirmProforma(INVOICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProformaConfirmationStarted(INVOICE, 1_001, NOW));
    }

    @Test
    void derivesTheSameBilledActualIdForTheSameLine() {
        assertThat(BillingOnConfirmation.billedActualId(id(1))).isEqualTo(BillingOnConfirmation.billedActualId(id(1)))
                .isNotEqualTo(BillingOnConfirmation.billedActualId(id(2)));
    }

    private static ProformaConfirmed confirmed(int lines, String total, int actuals, int connections) {
        return new ProformaConfirmed(INVOICE, "PC-1", "CUST-1", "EUR", DATE, "November", lines, new BigDecimal(total),
                actuals, connections, 1, NOW);
    }
}
