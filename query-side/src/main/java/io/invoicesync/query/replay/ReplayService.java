package io.invoicesync.query.replay;

import io.invoicesync.query.nodes.QueryNode;
import io.invoicesync.query.processing.ProcessingGroups;
import io.invoicesync.query.processing.ProcessorsProperties;
import io.invoicesync.query.syncstate.SyncProgressTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * G6: drop the Finance read model (and the sync progress and trace that live with it) and rebuild it from the event
 * store alone, by resetting the "finance" processing group's tokens and letting it read the store again. The
 * coordinator and the sagas are not touched: they publish events, and a replay must never do that twice.
 */
@Service
public class ReplayService {

    private static final String FINANCE = ProcessingGroups.FINANCE;
    private static final String NODE = QueryNode.ID;
    static final List<String> RESET_TABLES = Stream.concat(Stream.of("finance_invoice_proposal",
            "finance_invoice_proposal_line", "finance_actual", "finance_transaction_connection"),
            SyncProgressTables.TABLES.stream()).toList();

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final FinanceChecksum checksum;
    private final FinanceIndexes indexes;
    private final boolean processorsRunWithTheApp;
    private final Duration claimTimeout;

    public ReplayService(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                         @Qualifier("serializer") Serializer serializer, FinanceChecksum checksum,
                         FinanceIndexes indexes, ProcessorsProperties processors,
                         @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.checksum = checksum;
        this.indexes = indexes;
        this.processorsRunWithTheApp = processors.autoStart();
        this.claimTimeout = claimTimeout;
    }

    /** Every processing group's segments: position, lag behind the head of the store, owner. */
    public List<ProcessorStatus> status() {
        long head = head();
        return jdbc.query("SELECT processor_name, segment, token, token_type, owner, timestamp FROM token_entry "
                + "ORDER BY processor_name, segment", (rs, n) -> {
            Long position = positionOf(rs.getBytes(3), rs.getString(4));
            boolean replaying = rs.getString(4) != null && rs.getString(4).endsWith("ReplayToken");
            String timestamp = rs.getString(6);
            return new ProcessorStatus(rs.getString(1), rs.getInt(2), position, head,
                    position == null ? null : Math.max(0, head - position), replaying, rs.getString(5),
                    timestamp == null ? null : Instant.parse(timestamp));
        });
    }

    public ReplayReport dryRun() {
        long head = head();
        return new ReplayReport(FINANCE, true, RESET_TABLES, eventsUpTo(head), 0, 0, 0, checksum.compute(), null, null,
                null);
    }

    /**
     * Rebuilds the Finance read model. Refuses while another instance holds the group's claims, unless
     * {@code takeOver}: then their claims are released, and the other instance, whose next batch can no longer store
     * its token, rolls that batch back and yields.
     */
    public synchronized ReplayReport replayFinance(boolean verify, boolean takeOver, ReplayProgress progress) {
        TrackingEventProcessor processor = processing.eventProcessor(FINANCE, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No tracking processor " + FINANCE));
        awaitSettled(processor);
        processor.shutDown();
        List<String> others = claimedByOthers();
        if (!others.isEmpty()) {
            if (!takeOver) {
                processor.start();
                throw new ReplayRefused("processing group " + FINANCE + " is claimed by another running query side ("
                        + String.join(", ", others) + "); stop it, or pass --take-over to take its claims");
            }
            takeOverFrom(others, processor);
        }
        try {
            return replay(processor, verify, progress);
        } finally {
            jdbc.update("DELETE FROM replay_hold WHERE processing_group = ? AND holder = ?", FINANCE, NODE);
        }
    }

    /**
     * Running nodes would claim the segments straight back (they look every second), so releasing their claims is not
     * enough: a hold tells them to keep off the group (SegmentBalancer), and their claims are released until they do.
     */
    private void takeOverFrom(List<String> others, TrackingEventProcessor processor) {
        Duration quiet = Duration.ofSeconds(3);
        long deadline = System.nanoTime() + claimTimeout.multipliedBy(2).toNanos();
        long quietSince = System.nanoTime();
        // Yielded means: no other node has claimed a segment for a few of their beats, so they have seen the hold.
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            holdFinance();
            if (jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = ? AND owner IS NOT NULL "
                    + "AND owner <> ?", FINANCE, NODE) > 0) {
                quietSince = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                jdbc.update("DELETE FROM replay_hold WHERE processing_group = ? AND holder = ?", FINANCE, NODE);
                processor.start();
                throw new ReplayRefused("the query side holding processing group " + FINANCE + " ("
                        + String.join(", ", others) + ") did not yield within "
                        + claimTimeout.multipliedBy(2).toSeconds() + " s; stop it, then replay again");
            }
            sleep(250);
        }
    }

    /** Takes or refreshes the hold; a hold not refreshed for a few seconds is stale and ignored (a replay that died). */
    private void holdFinance() {
        jdbc.update("""
                INSERT INTO replay_hold (processing_group, holder, seen_at) VALUES (?, ?, now())
                ON CONFLICT (processing_group) DO UPDATE SET holder = excluded.holder, seen_at = now()""",
                FINANCE, NODE);
    }

    private ReplayReport replay(TrackingEventProcessor processor, boolean verify, ReplayProgress progress) {
        long head = head();
        long total = eventsUpTo(head);
        FinanceChecksum.Checksum before = verify ? checksum.compute() : null;
        long start = System.nanoTime();
        // Every replay holds the group, not only one taking it over: a node that starts meanwhile keeps off it, and
        // leaves the indexes dropped below to this replay (FinanceIndexes).
        holdFinance();
        indexes.defer();
        long done;
        try {
            processor.resetTokens();
            processor.start();
            done = awaitHead(processor, head, total, start, progress);
            if (!processorsRunWithTheApp) {
                // The tool: nothing comes after the replay, so the processor stops (its worker takes a second to
                // notice) while the indexes are built and the checksum taken, not after them.
                processor.shutdownAsync();
            }
        } catch (RuntimeException e) {
            // What is rebuilt so far is consistent (each invoice's rows in order), so its keys hold.
            try {
                indexes.restore();
            } catch (RuntimeException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        FinanceIndexes.Rebuilt rebuilt = indexes.restore();
        double seconds = (System.nanoTime() - start) / 1e9;
        FinanceChecksum.Checksum after = null;
        Boolean verified = null;
        if (verify) {
            after = checksum.compute();
            // Events that arrived during the replay are in "after" but not in "before": no honest comparison then.
            verified = head() == head && before.md5().equals(after.md5());
        }
        return new ReplayReport(FINANCE, false, RESET_TABLES, total, done, seconds, seconds > 0 ? done / seconds : 0,
                before, after, verified, rebuilt);
    }

    /** Waits for every segment to pass the head as it was at the reset; answers the events read. */
    private long awaitHead(TrackingEventProcessor processor, long head, long total, long start,
                           ReplayProgress progress) {
        while (true) {
            if (processor.isError() || !processor.isRunning()) {
                throw new IllegalStateException("processing group " + FINANCE + " stopped during the replay; its log "
                        + "says why, and a new replay starts over");
            }
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            long position = segments.values().stream()
                    .mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
            long done = position < 0 ? 0 : eventsUpTo(Math.min(position, head));
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.update(done, total, seconds > 0 ? done / seconds : 0);
            holdFinance();
            // Done when every segment has passed the head as it was at the reset (a token may stay a replay token
            // until the next event arrives, so "replaying" is no sign of unfinished work).
            if (!segments.isEmpty() && position >= head) {
                return done;
            }
            sleep(200);
        }
    }

    /** The global index of the newest event in the store (-1 when empty). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    private long eventsUpTo(long globalIndex) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?", Long.class,
                globalIndex);
    }

    /**
     * Live claims of other nodes. A claim older than the claim timeout belongs to a node that died (the token store
     * lets anyone take it), and a claim in this JVM's name was left by this processor starting and stopping at once.
     */
    private List<String> claimedByOthers() {
        jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = ? AND owner = ?", FINANCE, NODE);
        Instant expired = Instant.now().minus(claimTimeout);
        List<String> owners = new ArrayList<>();
        jdbc.query("SELECT owner, timestamp FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                rs -> {
                    if (Instant.parse(rs.getString(2)).isAfter(expired)) {
                        owners.add(rs.getString(1) + " since " + rs.getString(2));
                    }
                }, FINANCE);
        return owners;
    }

    private Long positionOf(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        if (tracking instanceof ReplayToken replay && replay.getCurrentToken() == null) {
            return null;
        }
        return tracking.position().isPresent() ? tracking.position().getAsLong() : null;
    }

    /**
     * A processor stopped between claiming a segment and starting its worker keeps that segment marked active, and
     * after a restart never works it again (seen with Axon 4.13's tracking processor). A replay right after start-up
     * (the command-line tool) first lets the processor finish starting: it either works its segments or, when another
     * node holds them, waits for its next claim attempt.
     */
    private static void awaitSettled(TrackingEventProcessor processor) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (processor.isRunning() && processor.processingStatus().isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
        }
        sleep(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Replay interrupted", e);
        }
    }
}
