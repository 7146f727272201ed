package io.invoicesync.query.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The replay tooling for operators without a shell: the same operations as {@code replay status | finance}, run by
 * this query side on its own processors. A replay runs in the background; its progress and report are read back.
 */
@RestController
@RequestMapping("/api/replay")
class ReplayController {

    private final ReplayService replay;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "finance-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Run> current = new AtomicReference<>(Run.NONE);

    /** {@code invoicesync_replay_events{kind=done|total}} and {@code invoicesync_replay_running}: a replay's progress. */
    ReplayController(ReplayService replay, MeterRegistry registry) {
        this.replay = replay;
        Gauge.builder("invoicesync.replay.events", () -> current.get().eventsDone()).tag("kind", "done")
                .description("Events a running or the last Finance replay has read").register(registry);
        Gauge.builder("invoicesync.replay.events", () -> current.get().eventsTotal()).tag("kind", "total")
                .description("Events the running or last Finance replay reads in all").register(registry);
        Gauge.builder("invoicesync.replay.running", () -> current.get().state().equals("RUNNING") ? 1 : 0)
                .description("1 while a Finance replay runs in this app").register(registry);
    }

    /** A replay's state: RUNNING with progress, then DONE with its report, or FAILED with the reason. */
    record Run(String state, long eventsDone, long eventsTotal, double eventsPerSecond, ReplayReport report,
               String failure) {

        static final Run NONE = new Run("NONE", 0, 0, 0, null, null);
    }

    @GetMapping("/status")
    List<ProcessorStatus> status() {
        return replay.status();
    }

    @PostMapping("/finance")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "200", description = "dryRun=true: what a replay would do; nothing changed")
    ResponseEntity<Run> replayFinance(@RequestParam(defaultValue = "false") boolean verify,
                                      @RequestParam(defaultValue = "false") boolean dryRun) {
        if (dryRun) {
            ReplayReport plan = replay.dryRun();
            return ResponseEntity.ok(new Run("DRY_RUN", 0, plan.eventsToRead(), 0, plan, null));
        }
        Run started = new Run("RUNNING", 0, 0, 0, null, null);
        Run previous = current.getAndUpdate(run -> run.state().equals("RUNNING") ? run : started);
        if (previous.state().equals("RUNNING")) {
            return ResponseEntity.status(409).body(previous);
        }
        worker.submit(() -> {
            try {
                ReplayReport report = replay.replayFinance(verify, false, (done, total, rate) ->
                        current.set(new Run("RUNNING", done, total, rate, null, null)));
                current.set(new Run(Boolean.FALSE.equals(report.verified()) ? "VERIFICATION_FAILED" : "DONE",
                        report.eventsRead(), report.eventsToRead(), report.eventsPerSecond(), report, null));
            } catch (RuntimeException e) {
                current.set(new Run("FAILED", 0, 0, 0, null, e.getMessage()));
            }
        });
        return ResponseEntity.accepted().body(started);
    }

    @GetMapping("/finance")
    Run progress() {
        return current.get();
    }
}
