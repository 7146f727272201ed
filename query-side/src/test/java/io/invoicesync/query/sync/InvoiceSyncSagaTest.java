package io.invoicesync.query.sync;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.TransactionConnection;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncPaused;
import io.invoicesync.kernel.sync.InvoiceSyncResumed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.kernel.sync.TableMapBatchWritten;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.sync.rules.FinanceRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's decisions: map order, batches in flight, pause and resume, failure, retry, dismiss, completion. Most
 * cases keep one batch in flight, so each step shows one decision; the window has cases of its own.
 */
class InvoiceSyncSagaTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    private static final UUID RUN_2 = UUID.fromString("00000000-0000-0000-0000-00000000c002");
    private static final List<String> MAPS = TableMap.tableNames();
    /** More lines than fit one transaction: a saga's invoice. */
    private static final int LINES = 2_000;
    /** Two chunks: actuals/connections at sequences 1..4, the confirmation at 5. */
    private static final long CONFIRMED_AT = 5;

    private final Map<Long, ProformaSource.SourceEvent> proforma = new HashMap<>();
    private final Map<String, String> holds = new HashMap<>();
    private SagaTestFixture<InvoiceSyncSaga> fixture;

    @BeforeEach
    void setUp() {
        for (int chunk = 1; chunk <= 2; chunk++) {
            UUID line = new UUID(0, chunk);
            BilledActual actual = new BilledActual(new UUID(1, chunk), line, null, "FEE", null, null, BigDecimal.ONE,
                    BigDecimal.TEN, BigDecimal.TEN, "EUR", LocalDate.of(2026, 11, 24));
            TransactionConnection connection = new TransactionConnection(new UUID(2, chunk), actual.actualId().toString(),
                    "Billed Sales", "msdyn_actual", line.toString(), "Billed Sales", "msdyn_invoicelinetransaction");
            long sequence = 1 + 2L * (chunk - 1);
            proforma.put(sequence, new ProformaSource.SourceEvent("actuals-" + chunk, sequence,
                    new BilledActualsCreated(INVOICE, chunk, List.of(actual))));
            proforma.put(sequence + 1, new ProformaSource.SourceEvent("connections-" + chunk, sequence + 1,
                    new TransactionsConnected(INVOICE, chunk, List.of(connection))));
        }
        proforma.put(CONFIRMED_AT, new ProformaSource.SourceEvent("confirmed", CONFIRMED_AT,
                new ProformaConfirmed(INVOICE, "PC-1", "CUST-1", "EUR", LocalDate.of(2026, 11, 24), null, 2,
                        new BigDecimal("20"), 2, 2, 2, NOW)));
        fixture = withBatchesInFlight(1);
    }

    private SagaTestFixture<InvoiceSyncSaga> withBatchesInFlight(int window) {
        SagaTestFixture<InvoiceSyncSaga> saga = new SagaTestFixture<>(InvoiceSyncSaga.class);
        saga.registerResource(new SyncBatches(new FakeSource(),
                new FinanceRules(customer -> Optional.ofNullable(holds.get(customer))), new SyncProperties(window)));
        saga.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return saga;
    }

    /** The proforma's stream as the map above holds it. */
    private final class FakeSource implements ProformaSource {

        @Override
        public SourceRef locate(UUID invoiceId, long sequence) {
            SourceEvent event = eventAt(invoiceId, sequence);
            return new SourceRef(event.eventId(), sequence, event.payload().getClass().getName());
        }

        @Override
        public SourceEvent eventAt(UUID invoiceId, long sequence) {
            return proforma.get(sequence);
        }

        @Override
        public SourceEvent eventById(String eventId) {
            return proforma.values().stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElseThrow();
        }

        @Override
        public java.util.Optional<SourceEvent> confirmation(UUID invoiceId) {
            return proforma.values().stream().filter(e -> e.payload() instanceof ProformaConfirmed).findFirst();
        }

        @Override
        public boolean exists(UUID invoiceId) {
            return !proforma.isEmpty();
        }
    }

    private static InvoiceSyncStarted started() {
        return new InvoiceSyncStarted(INVOICE, JOB, RUN, "ASYNC", MAPS, CONFIRMED_AT, 2, LINES, LINES, LINES, NOW);
    }

    /** Finance wrote this batch: the saga may send one more. */
    private static TableMapBatchWritten written(TableMap map, int batch) {
        return new TableMapBatchWritten(INVOICE, JOB, RUN, map.tableName(), batch, 1, NOW);
    }

    private static Matcher<?> batch(TableMap map, int number) {
        return batch(map, number, b -> true);
    }

    private static Matcher<?> batch(TableMap map, int number, Predicate<TableMapBatchApplied> and) {
        return Matchers.predicate((Predicate<Object>) p -> p instanceof TableMapBatchApplied b
                && b.tableMap().equals(map.tableName()) && b.batchNumber() == number && and.test(b));
    }

    private static Matcher<?> synced(Predicate<InvoiceSynced> and) {
        return Matchers.predicate((Predicate<Object>) p -> p instanceof InvoiceSynced s && and.test(s));
    }

    @SafeVarargs
    private static Matcher<List<Message<?>>> exactly(Matcher<?>... payloads) {
        Matcher<?>[] all = java.util.Arrays.copyOf(payloads, payloads.length + 1);
        all[payloads.length] = Matchers.andNoMore();
        return Matchers.payloadsMatching(Matchers.exactSequenceOf((Matcher[]) all));
    }

    @Test
    void startsWithTheFirstBatchOfTheFirstMapCarryingTheHeader() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(started())
                .expectActiveSagas(1)
                .expectPublishedEventsMatching(exactly(batch(TableMap.INVOICES, 1, b -> b.header() != null
                        && b.header().customerId().equals("CUST-1") && b.sourceEventId().equals("actuals-1"))));
    }

    @Test
    void takesOneBatchPerStep() {
        fixture.givenAPublished(started())
                .whenPublishingA(written(TableMap.INVOICES, 1))
                .expectPublishedEventsMatching(exactly(batch(TableMap.INVOICES, 2)));
    }

    @Test
    void beginsTheNextMapOnlyWhenTheLastBatchOfThePreviousOneIsApplied() {
        fixture.givenAPublished(started()).andThenAPublished(written(TableMap.INVOICES, 1))
                .whenPublishingA(written(TableMap.INVOICES, 2))
                .expectPublishedEventsMatching(exactly(batch(TableMap.ACTUALS, 1,
                        b -> b.sourceEventId().equals("actuals-1") && b.header() == null)));
    }

    @Test
    void takesConnectionsFromTheConnectionEventsOfEachChunk() {
        fixture.givenAPublished(started()).andThenAPublished(written(TableMap.INVOICES, 1))
                .andThenAPublished(written(TableMap.INVOICES, 2)).andThenAPublished(written(TableMap.ACTUALS, 1))
                .whenPublishingA(written(TableMap.ACTUALS, 2))
                .expectPublishedEventsMatching(exactly(batch(TableMap.TRANSACTION_CONNECTIONS, 1,
                        b -> b.sourceEventId().equals("connections-1"))));
    }

    @Test
    void endsWhenFinanceHasWrittenTheLastBatchOfTheLastMap() {
        fixture.givenAPublished(started()).andThenAPublished(written(TableMap.INVOICES, 1))
                .andThenAPublished(written(TableMap.INVOICES, 2)).andThenAPublished(written(TableMap.ACTUALS, 1))
                .andThenAPublished(written(TableMap.ACTUALS, 2))
                .andThenAPublished(written(TableMap.TRANSACTION_CONNECTIONS, 1))
                .whenPublishingA(written(TableMap.TRANSACTION_CONNECTIONS, 2))
                .expectActiveSagas(0)
                .expectPublishedEventsMatching(exactly(synced(s -> s.runId().equals(RUN) && !s.wroteRows())));
    }

    @Test
    void keepsTheWindowFullAcrossMaps() {
        withBatchesInFlight(3).givenNoPriorActivity()
                .whenPublishingA(started())
                .expectPublishedEventsMatching(exactly(batch(TableMap.INVOICES, 1), batch(TableMap.INVOICES, 2),
                        batch(TableMap.ACTUALS, 1)));
    }

    @Test
    void sendsAWholeInvoiceTheWindowHoldsInOneStepAndWaitsForFinanceToWriteIt() {
        Predicate<TableMapBatchApplied> awaited = TableMapBatchApplied::acknowledged;
        withBatchesInFlight(7).givenNoPriorActivity()
                .whenPublishingA(started())
                .expectActiveSagas(1)
                .expectPublishedEventsMatching(exactly(batch(TableMap.INVOICES, 1, awaited),
                        batch(TableMap.INVOICES, 2, awaited), batch(TableMap.ACTUALS, 1, awaited),
                        batch(TableMap.ACTUALS, 2, awaited), batch(TableMap.TRANSACTION_CONNECTIONS, 1, awaited),
                        batch(TableMap.TRANSACTION_CONNECTIONS, 2, awaited)));
    }

    @Test
    void saysSyncedOnlyOnceFinanceHasWrittenEveryBatchInFlight() {
        var allButOneWritten = withBatchesInFlight(7).givenAPublished(started())
                .andThenAPublished(written(TableMap.INVOICES, 1)).andThenAPublished(written(TableMap.INVOICES, 2))
                .andThenAPublished(written(TableMap.ACTUALS, 1)).andThenAPublished(written(TableMap.ACTUALS, 2));
        allButOneWritten.whenPublishingA(written(TableMap.TRANSACTION_CONNECTIONS, 1))
                .expectActiveSagas(1)
                .expectPublishedEvents();
    }

    @Test
    void saysSyncedWhenFinanceWritesTheLastBatchInFlight() {
        withBatchesInFlight(7).givenAPublished(started())
                .andThenAPublished(written(TableMap.INVOICES, 1)).andThenAPublished(written(TableMap.INVOICES, 2))
                .andThenAPublished(written(TableMap.ACTUALS, 1)).andThenAPublished(written(TableMap.ACTUALS, 2))
                .andThenAPublished(written(TableMap.TRANSACTION_CONNECTIONS, 1))
                .whenPublishingA(written(TableMap.TRANSACTION_CONNECTIONS, 2))
                .expectActiveSagas(0)
                .expectPublishedEventsMatching(exactly(synced(s -> s.jobId().equals(JOB))));
    }

    @Test
    void awaitsEveryBatchWhileTheSagaHasMoreToSend() {
        withBatchesInFlight(3).givenNoPriorActivity()
                .whenPublishingA(started())
                .expectActiveSagas(1)
                .expectPublishedEventsMatching(Matchers.payloadsMatching(Matchers.listWithAllOf(
                        Matchers.predicate((Predicate<Object>) p -> !(p instanceof TableMapBatchApplied b)
                                || b.acknowledged()))));
    }

    @Test
    void sendsOneMoreBatchForEachThatFinanceHasWritten() {
        withBatchesInFlight(3).givenAPublished(started())
                .whenPublishingA(written(TableMap.INVOICES, 1))
                .expectPublishedEventsMatching(exactly(batch(TableMap.ACTUALS, 2)));
    }

    @Test
    void resumesOnlyWhatTheWindowStillHolds() {
        withBatchesInFlight(3).givenAPublished(started()).andThenAPublished(new InvoiceSyncPaused(INVOICE, JOB, NOW))
                .andThenAPublished(written(TableMap.INVOICES, 1)).andThenAPublished(written(TableMap.INVOICES, 2))
                .whenPublishingA(new InvoiceSyncResumed(INVOICE, JOB, RUN_2, NOW))
                .expectPublishedEventsMatching(exactly(batch(TableMap.ACTUALS, 2),
                        batch(TableMap.TRANSACTION_CONNECTIONS, 1)));
    }

    @Test
    void takesNoFurtherStepWhilePaused() {
        fixture.givenAPublished(started()).andThenAPublished(new InvoiceSyncPaused(INVOICE, JOB, NOW))
                .whenPublishingA(written(TableMap.INVOICES, 1))
                .expectPublishedEvents()
                .expectActiveSagas(1);
    }

    @Test
    void resumesWithTheNextBatchInTheNewRun() {
        fixture.givenAPublished(started()).andThenAPublished(new InvoiceSyncPaused(INVOICE, JOB, NOW))
                .andThenAPublished(written(TableMap.INVOICES, 1))
                .whenPublishingA(new InvoiceSyncResumed(INVOICE, JOB, RUN_2, NOW))
                .expectPublishedEventsMatching(exactly(Matchers.predicate((Predicate<Object>) p ->
                        p instanceof TableMapBatchApplied b && b.batchNumber() == 2 && b.runId().equals(RUN_2))));
    }

    @Test
    void doesNotStepTwiceWhenResumedWhileABatchIsOnItsWay() {
        fixture.givenAPublished(started()).andThenAPublished(new InvoiceSyncPaused(INVOICE, JOB, NOW))
                .whenPublishingA(new InvoiceSyncResumed(INVOICE, JOB, RUN_2, NOW))
                .expectPublishedEvents();
    }

    @Test
    void parksTheInvoiceOnAnApplicationError() {
        holds.put("CUST-1", "credit limit exceeded");
        fixture.givenNoPriorActivity()
                .whenPublishingA(started())
                .expectActiveSagas(1)
                .expectPublishedEventsMatching(exactly(Matchers.predicate((Predicate<Object>) p ->
                        p instanceof SyncRecordFailed f && f.category().equals("APPLICATION")
                                && f.tableMap().equals(TableMap.INVOICES.tableName()) && f.recordId().equals(INVOICE.toString())
                                && f.cause().contains("CUST-1 is on hold in Finance (credit limit exceeded)"))));
    }

    @Test
    void retryResumesAParkedInvoiceOnceTheCauseIsFixed() {
        holds.put("CUST-1", "credit limit exceeded");
        var parked = fixture.givenAPublished(started());
        holds.clear();

        parked.whenPublishingA(new InvoiceSyncRetried(INVOICE, JOB, NOW))
                .expectPublishedEventsMatching(exactly(Matchers.predicate((Predicate<Object>) p ->
                        p instanceof TableMapBatchApplied b && b.batchNumber() == 1 && b.header() != null)));
    }

    @Test
    void endsWhenAProcessingGroupSetsTheInvoiceAsideForASystemFailure() {
        fixture.givenAPublished(started()).andThenAPublished(written(TableMap.INVOICES, 1))
                .whenPublishingA(new SyncRecordFailed(INVOICE, JOB, RUN, TableMap.INVOICES.tableName(), 1, "event-1", "SYSTEM",
                        "finance could not apply TableMapBatchApplied: numeric field overflow", NOW))
                .expectActiveSagas(0)
                .expectPublishedEvents();
    }

    @Test
    void waitsForTheRetryOnItsOwnApplicationError() {
        holds.put("CUST-1", "blocked");
        fixture.givenAPublished(started())
                .whenPublishingA(new SyncRecordFailed(INVOICE, JOB, RUN, TableMap.INVOICES.tableName(), 1, INVOICE.toString(),
                        "APPLICATION", "Customer CUST-1 is on hold in Finance (blocked)", NOW))
                .expectActiveSagas(1)
                .expectPublishedEvents();
    }

    @Test
    void ignoresARetryWhenNothingFailed() {
        fixture.givenAPublished(started())
                .whenPublishingA(new InvoiceSyncRetried(INVOICE, JOB, NOW))
                .expectPublishedEvents();
    }

    @Test
    void endsOnDismiss() {
        holds.put("CUST-1", "blocked");
        fixture.givenAPublished(started())
                .whenPublishingA(new InvoiceSyncDismissed(INVOICE, JOB, NOW))
                .expectActiveSagas(0)
                .expectPublishedEvents();
    }

    @Test
    void leavesARealTimeSyncAlone() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new InvoiceSyncStarted(INVOICE, null, null, "REAL_TIME", MAPS, CONFIRMED_AT, 2, 2, 2, 2,
                        NOW))
                .expectActiveSagas(0)
                .expectPublishedEvents();
    }

    /** Finance writes such an invoice whole, in one transaction (OneTransactionSync): no saga, no batch event. */
    @Test
    void leavesAnInvoiceThatFitsOneTransactionToFinance() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new InvoiceSyncStarted(INVOICE, JOB, RUN, "ASYNC", MAPS, CONFIRMED_AT, 1, 1_000, 1_000,
                        1_000, NOW))
                .expectActiveSagas(0)
                .expectPublishedEvents();
    }
}
