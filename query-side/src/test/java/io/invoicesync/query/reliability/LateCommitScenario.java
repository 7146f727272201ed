package io.invoicesync.query.reliability;

import io.invoicesync.command.proforma.ProformaConfirmation;
import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.kernel.money.CurrencyCode;
import io.invoicesync.kernel.proforma.CreateProforma;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.Proformas;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many writers at once, some rolled back, and one confirm whose transaction stays open well past the query side's gap
 * timeout after its events were appended, while other writers go on. The query side under test runs with a 2 s gap timeout and cleans gaps as
 * soon as two are open (Axon's defaults: 60 s and 250), so what a busy production store does over minutes happens
 * here in seconds.
 */
final class LateCommitScenario {

    /** Query-side settings that make Axon drop a gap after 2 s. */
    static final String AGGRESSIVE_GAP_CLEANING = "invoicesync.event-store.gap-timeout-ms=2000";
    static final String GAP_CLEANING_THRESHOLD = "invoicesync.event-store.gap-cleaning-threshold=1";
    static final Duration HOLD = Duration.ofSeconds(10);
    static final Duration AFTER_THE_TIMEOUT = Duration.ofSeconds(3);
    static final String ROLLED_BACK_CONTRACT = "PC-ROLLED-BACK";

    record Outcome(Proformas.Confirmed held, List<Proformas.Confirmed> others) {
    }

    private LateCommitScenario() {
    }

    static Outcome run(String database, int queryPort, String... commandSideSettings) throws Exception {
        ConfigurableApplicationContext commandSide = CommandSide.context(database, queryPort, commandSideSettings);
        Api command = new Api(CommandSide.port(database, queryPort));
        TransactionTemplate transaction = new TransactionTemplate(commandSide.getBean(PlatformTransactionManager.class));
        CommandGateway commands = commandSide.getBean(CommandGateway.class);
        ProformaConfirmation confirmation = commandSide.getBean(ProformaConfirmation.class);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            // Left running: the test waits for the sync after the scenario.
            AsyncJob.run(command);
            // Drafts built by five clients at once.
            UUID held = Proformas.draft(command, "CUST-LATE", 1_500);
            List<Future<UUID>> drafting = new ArrayList<>();
            for (int client = 0; client < 5; client++) {
                String customer = "CUST-W" + client;
                drafting.add(clients.submit(() -> Proformas.draft(command, customer, 1_200)));
            }
            List<UUID> drafts = new ArrayList<>();
            for (Future<UUID> draft : drafting) {
                drafts.add(draft.get(2, TimeUnit.MINUTES));
            }

            // The late one: its whole confirmation (every chunk, then ProformaConfirmed) is appended inside one outer
            // transaction, which then stays open for HOLD.
            CountDownLatch appended = new CountDownLatch(1);
            Future<?> late = clients.submit(() -> transaction.executeWithoutResult(status -> {
                confirmation.confirm(held, null);
                appended.countDown();
                sleep(HOLD);
            }));
            if (!appended.await(1, TimeUnit.MINUTES)) {
                late.get();
            }

            // Meanwhile four clients confirm at once; then two transactions append an event and roll back. Gaps above
            // the late one with committed events between are what lets Axon's gap cleaning drop it.
            List<Future<Api.Response>> confirming = new ArrayList<>();
            for (UUID draft : drafts.subList(0, 4)) {
                confirming.add(clients.submit(() -> command.post(Api.PM, "/api/proformas/" + draft + "/confirm", "")));
            }
            List<Proformas.Confirmed> others = new ArrayList<>();
            for (int i = 0; i < confirming.size(); i++) {
                others.add(new Proformas.Confirmed(drafts.get(i), 1_200, accepted(confirming.get(i))));
            }
            List<Future<?>> rollingBack = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rollingBack.add(clients.submit(() -> transaction.executeWithoutResult(status -> {
                    commands.sendAndWait(new CreateProforma(UUID.randomUUID(), ROLLED_BACK_CONTRACT, "CUST-RB",
                            new CurrencyCode("EUR"), LocalDate.of(2026, 11, 24), "rolled back"));
                    status.setRollbackOnly();
                })));
            }
            for (Future<?> rollback : rollingBack) {
                rollback.get(2, TimeUnit.MINUTES);
            }
            // Traffic goes on past the gap timeout while the late transaction is still open: a processor reading
            // these events drops the late one's gaps, since the events just after them are older than the timeout.
            sleep(AFTER_THE_TIMEOUT);
            UUID last = drafts.get(4);
            others.add(new Proformas.Confirmed(last, 1_200, accepted(clients.submit(() ->
                    command.post(Api.PM, "/api/proformas/" + last + "/confirm", "")))));
            late.get(2, TimeUnit.MINUTES);
            return new Outcome(new Proformas.Confirmed(held, 1_500, null), others);
        } finally {
            clients.shutdownNow();
        }
    }

    private static Api.Response accepted(Future<Api.Response> confirm) throws Exception {
        Api.Response confirmed = confirm.get(2, TimeUnit.MINUTES);
        if (confirmed.status() != 200) {
            throw new IllegalStateException("Confirm refused: " + confirmed.body());
        }
        return confirmed;
    }

    /** ProformaConfirmed events committed to the store: each one must reach Finance. */
    static long committedConfirmations(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.ProformaConfirmed'",
                Long.class);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
