package io.invoicesync.query.console;

import io.invoicesync.platform.web.InvalidRequest;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.query.replay.ReplayService;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.SyncProgressReader;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's live view, one server-sent event stream per open page instead of a request per panel each second.
 * Each second the stream says what the page shows now, as a version ({@code state}): the page fetches its panels only
 * when the version moves, so an idle page costs one small message a second and no query of the page's own. It says
 * {@code unavailable} while the database does not answer, and {@code gone} (then ends) when what the page shows no
 * longer exists. A page that hears nothing for a few seconds says it is not live and connects again.
 */
@RestController
@ConditionalOnWebApplication
class ConsoleStreamController {

    /** What a page shows, as the stream watches it. */
    enum View { JOBS, JOB, INVOICE, REPLAY }

    static final Duration TICK = Duration.ofSeconds(1);
    /** A stream ends after this; the page connects again at once (a proxy may close long idle streams anyway). */
    static final Duration LIFETIME = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(ConsoleStreamController.class);

    private final SyncProgressReader progress;
    private final InvoiceProgressReader invoices;
    private final ReplayService replay;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "console-stream");
        thread.setDaemon(true);
        return thread;
    });

    ConsoleStreamController(SyncProgressReader progress, InvoiceProgressReader invoices, ReplayService replay) {
        this.progress = progress;
        this.invoices = invoices;
        this.replay = replay;
        ticks.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One open page and what it watches (empty once gone). */
    private record Watcher(SseEmitter emitter, Supplier<Optional<Object>> shown) {
    }

    record State(int version, Instant at) {
    }

    record Unavailable(String detail, Instant at) {
    }

    @GetMapping(path = "/api/console/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam String view, @RequestParam(required = false) UUID jobId,
                      @RequestParam(required = false) UUID invoiceId) {
        RequestChecks checks = new RequestChecks();
        View watched = checks.oneOf(View.class, view, "view", "console-view");
        checks.verify();
        if ((watched == View.JOB || watched == View.INVOICE) && jobId == null) {
            throw InvalidRequest.of("jobId", "required", "jobId is required for the " + watched + " view");
        }
        if (watched == View.INVOICE && invoiceId == null) {
            throw InvalidRequest.of("invoiceId", "required", "invoiceId is required for the INVOICE view");
        }
        SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
        Watcher watcher = new Watcher(emitter, shown(watched, jobId, invoiceId));
        emitter.onCompletion(() -> watchers.remove(watcher));
        emitter.onTimeout(() -> watchers.remove(watcher));
        emitter.onError(e -> watchers.remove(watcher));
        watchers.add(watcher);
        ticks.execute(() -> tell(watcher));
        return emitter;
    }

    private Supplier<Optional<Object>> shown(View view, UUID jobId, UUID invoiceId) {
        return switch (view) {
            case JOBS -> () -> Optional.of(progress.jobs(null, Paging.of(0, 100)));
            case JOB -> () -> progress.job(jobId).map(job -> job);
            case INVOICE -> () -> invoices.invoiceOfJob(jobId, invoiceId).map(invoice -> invoice);
            case REPLAY -> () -> Optional.of(replay.status());
        };
    }

    private void tick() {
        watchers.forEach(this::tell);
    }

    private void tell(Watcher watcher) {
        try {
            Optional<Object> shown;
            try {
                shown = watcher.shown().get();
            } catch (DataAccessException unavailable) {
                watcher.emitter().send(SseEmitter.event().name("unavailable").data(new Unavailable(
                        "The query side cannot read its database; what the page shows is what it last read",
                        Instant.now())));
                return;
            }
            if (shown.isEmpty()) {
                watcher.emitter().send(SseEmitter.event().name("gone").data(Map.of("at", Instant.now())));
                watchers.remove(watcher);
                watcher.emitter().complete();
                return;
            }
            // Records all the way down: equal content, equal hash.
            watcher.emitter().send(SseEmitter.event().name("state").data(new State(shown.get().hashCode(),
                    Instant.now())));
        } catch (IOException | IllegalStateException closed) {
            // The page went away (or its stream ended) between two ticks.
            watchers.remove(watcher);
        } catch (RuntimeException e) {
            log.warn("Console stream tick failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        ticks.shutdownNow();
        watchers.forEach(w -> w.emitter().complete());
    }
}
