package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.processing.ProcessingGroups;
import io.invoicesync.query.replay.FinanceChecksum;
import io.invoicesync.query.replay.ReplayService;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Duplicate delivery: the Finance processor's token is rewound to the start of the store without a reset, so every
 * event is delivered again to handlers that already applied it. Nothing may change: no row doubled, no count moved.
 */
@Tag("reliability")
@QuerySideTest
class DuplicateDeliveryTest {

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FinanceChecksum checksum;
    @Autowired
    ReplayService replay;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void rewindingTheTokenWithoutAResetChangesNothing() {
        Api command = new Api(CommandSide.port("postgres", queryPort));
        FinanceChecks finance = new FinanceChecks(jdbc);
        try (AsyncJob job = AsyncJob.run(command)) {
            Proformas.Confirmed invoice = Proformas.confirmed(command, "CUST-DUP", 2_500);
            await().atMost(Duration.ofMinutes(3)).until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
        }
        await().atMost(Duration.ofMinutes(1)).until(this::financeCaughtUp);
        String before = checksum.compute().md5();
        String progressBefore = progress();

        EventProcessor processor = processing.eventProcessor(ProcessingGroups.FINANCE).orElseThrow();
        processor.shutDown();
        int rewound = jdbc.update("UPDATE token_entry SET token = convert_to('{\"index\":-1,\"gaps\":[]}', 'UTF8'), "
                + "token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken' WHERE processor_name = ?",
                ProcessingGroups.FINANCE);
        processor.start();
        await().atMost(Duration.ofMinutes(3)).until(this::financeCaughtUp);

        assertThat(rewound).as("both segments rewound").isEqualTo(2);
        assertThat(checksum.compute().md5()).isEqualTo(before);
        assertThat(progress()).isEqualTo(progressBefore);
        assertThat(finance.orphans()).isZero();
    }

    private boolean financeCaughtUp() {
        return replay.status().stream().filter(s -> s.processingGroup().equals(ProcessingGroups.FINANCE))
                .allMatch(s -> s.lag() != null && s.lag() == 0);
    }

    /** The progress a job shows, as one string: batches and rows per invoice and map, invoice states, errors. */
    private String progress() {
        return jdbc.queryForObject("""
                SELECT md5(coalesce((SELECT string_agg(invoice_id || table_map || batch_number || row_count, ','
                                              ORDER BY invoice_id, table_map, batch_number) FROM sync_batch), '')
                        || coalesce((SELECT string_agg(invoice_id || status, ',' ORDER BY invoice_id) FROM sync_invoice), '')
                        || coalesce((SELECT string_agg(event_id || status, ',' ORDER BY event_id) FROM sync_error), ''))""",
                String.class);
    }
}
