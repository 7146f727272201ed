package io.invoicesync.query.tools;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.platform.web.NotFound;
import io.invoicesync.query.integrationjob.resync.InvoiceResync;
import io.invoicesync.query.replay.FinanceIndexes;
import io.invoicesync.query.replay.ProcessorStatus;
import io.invoicesync.query.replay.ReplayRefused;
import io.invoicesync.query.replay.ReplayReport;
import io.invoicesync.query.replay.ReplayService;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar query-side.jar replay status | replay finance [--verify] [--dry-run] [--take-over]
 * | replay finance --invoice ID [--reason TEXT]}.
 * Starts the query side without its web server, coordinator or sagas (nothing that publishes events), does the one
 * thing asked, and exits: 0 success, 1 verification failed, 2 refused (another instance holds the claims), 3 error.
 */
public final class ReplayCommandLine {

    public static final int OK = 0;
    public static final int VERIFICATION_FAILED = 1;
    public static final int REFUSED = 2;
    public static final int ERROR = 3;

    private static final String USAGE = "usage: replay status | replay finance [--verify] [--dry-run] [--take-over]"
            + " | replay finance --invoice ID [--reason TEXT]";
    private static final Set<String> OPTIONS = Set.of("--verify", "--dry-run", "--take-over");
    /** Options followed by a value. */
    private static final Set<String> VALUED = Set.of("--invoice", "--reason");
    private static final String HELP = USAGE + """


            Rebuilds InvoiceSync's Finance read model from the event store, with the query side stopped (or with
            --take-over, from a running one). Reads the same settings as the apps: INVOICESYNC_DB_URL (and _USER,
            _PASSWORD) for an external PostgreSQL, else the embedded one (INVOICESYNC_EMBEDDED_DB_PORT, default 54329,
            data in INVOICESYNC_EMBEDDED_DB_DIR, default data/postgres).

              status       each processing group's segments: position, head of the store, lag, owner
              finance      empty the Finance tables and the sync progress, and replay them from the events
                --verify     checksum the Finance tables before and after; exit 1 if they differ
                --dry-run    say what would be emptied and read, change nothing
                --take-over  take the group's claims from a running query side, which yields
                --invoice ID only that synced invoice: its Finance rows written again from its events and checked
                             against them, as POST .../invoices/ID/resync does; the query side may be running.
                             Recorded in its job's activity as yours (cli:<user>), with --reason TEXT as the why

            Exit codes: 0 done, 1 verification failed, 2 refused (claims held elsewhere, nothing to replay),
            3 error (a bad option included).""";

    private ReplayCommandLine() {
    }

    public static boolean isReplay(String[] args) {
        return args.length > 0 && args[0].equals("replay");
    }

    public static void main(String[] args) {
        ToolContext.runAndExit("replay", out -> run(args, out), ERROR);
    }

    static int run(String[] args, PrintStream out) {
        List<String> words = List.of(args).subList(1, args.length);
        if (ToolContext.asksForHelp(words)) {
            out.println(HELP);
            return OK;
        }
        Map<String, String> values = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!VALUED.contains(words.get(i))) {
                rest.add(words.get(i));
            } else if (i + 1 < words.size()) {
                values.put(words.get(i), words.get(++i));
            } else {
                System.err.println("replay: " + words.get(i) + " needs a value\n" + USAGE);
                return ERROR;
            }
        }
        Set<String> flags = Set.copyOf(rest.stream().filter(w -> w.startsWith("-")).toList());
        List<String> commands = rest.stream().filter(w -> !w.startsWith("-")).toList();
        List<String> unknown = flags.stream().filter(flag -> !OPTIONS.contains(flag)).sorted().toList();
        if (!unknown.isEmpty()) {
            System.err.println("replay: unknown option " + String.join(", ", unknown) + "\n" + USAGE
                    + "\n(replay --help says more)");
            return ERROR;
        }
        if (commands.size() != 1 || !Set.of("status", "finance").contains(commands.get(0))) {
            System.err.println("replay: " + (commands.isEmpty() ? "say what to do: status or finance"
                    : "unknown command " + String.join(" ", commands) + "; say status or finance") + "\n" + USAGE);
            return ERROR;
        }
        if (values.containsKey("--invoice") && (!commands.get(0).equals("finance") || !flags.isEmpty()
                || !isUuid(values.get("--invoice")))) {
            System.err.println("replay: --invoice takes an invoice id, with finance and no other option but --reason\n"
                    + USAGE);
            return ERROR;
        }
        if (values.containsKey("--reason") && !values.containsKey("--invoice")) {
            System.err.println("replay: --reason goes with --invoice\n" + USAGE);
            return ERROR;
        }
        String nothing = ToolContext.nothingThere();
        if (nothing != null) {
            System.err.println("replay refused: " + nothing);
            return REFUSED;
        }
        // The processors stay stopped until the replay starts its own: one started with the tool would claim its
        // segments only to be stopped again, which cost the tool a second or two.
        try (ConfigurableApplicationContext context = ToolContext.open("--invoicesync.processors.auto-start=false")) {
            String empty = ToolContext.nothingIn(context);
            if (empty != null) {
                System.err.println("replay refused: " + empty);
                return REFUSED;
            }
            if (values.containsKey("--invoice")) {
                return invoice(context.getBean(InvoiceResync.class), values, out);
            }
            ReplayService replay = context.getBean(ReplayService.class);
            return commands.get(0).equals("status") ? status(replay, out) : finance(replay, flags, out);
        } catch (ReplayRefused e) {
            System.err.println("replay refused: " + e.getMessage());
            return REFUSED;
        }
    }

    private static int invoice(InvoiceResync resync, Map<String, String> values, PrintStream out) {
        UUID invoiceId = UUID.fromString(values.get("--invoice"));
        String reason = values.getOrDefault("--reason", "resynced from the command line");
        try {
            InvoiceResync.Resynced done = resync.resync(null, invoiceId, reason,
                    "cli:" + System.getProperty("user.name"));
            out.printf("invoice %s of job %s: %,d Finance rows deleted, %,d written again from %d batches; %s%n",
                    invoiceId, done.jobId(), done.rowsDeleted(), done.rowsWritten(), done.batches(),
                    done.reconciliation().status());
            return done.reconciliation().agreed() ? OK : VERIFICATION_FAILED;
        } catch (NotFound | BusinessRuleViolation e) {
            System.err.println("replay refused: " + e.getMessage());
            return REFUSED;
        }
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int status(ReplayService replay, PrintStream out) {
        out.printf("%-18s %7s %12s %12s %10s  %s%n", "processing group", "segment", "position", "head", "lag", "owner");
        for (ProcessorStatus s : replay.status()) {
            out.printf("%-18s %7d %12s %12d %10s  %s%n", s.processingGroup(), s.segment(),
                    s.position() == null ? "-" : s.position(), s.head(), s.lag() == null ? "-" : s.lag(),
                    s.owner() == null ? "(unclaimed)" : s.owner());
        }
        return OK;
    }

    private static int finance(ReplayService replay, Set<String> flags, PrintStream out) {
        if (flags.contains("--dry-run")) {
            ReplayReport plan = replay.dryRun();
            out.printf("dry run: would reset processing group %s, emptying %s (%,d Finance rows now),%n"
                    + "and read %,d events to rebuild them. Nothing was changed.%n", plan.processingGroup(),
                    String.join(", ", plan.tablesReset()), plan.before().rows(), plan.eventsToRead());
            return OK;
        }
        ReplayReport report = replay.replayFinance(flags.contains("--verify"), flags.contains("--take-over"),
                new ProgressBar(out, System.console() != null, "replay", "events"));
        out.printf("replayed %,d events in %.1f s (%,.0f events/s) into %s%n", report.eventsRead(), report.seconds(),
                report.eventsPerSecond(), String.join(", ", report.tablesReset()));
        FinanceIndexes.Rebuilt rebuilt = report.indexesRebuilt();
        out.printf("  loaded without %d indexes and %d foreign keys, built again at the end in %.1f s%n",
                rebuilt.indexes(), rebuilt.foreignKeys(), rebuilt.seconds());
        if (report.verified() == null) {
            return OK;
        }
        report.after().tables().forEach((table, sum) -> out.printf("  %-32s %,10d rows  before %s  after %s%n",
                table, sum.rows(), report.before().tables().get(table).md5(), sum.md5()));
        if (report.verified()) {
            out.println("verified: the rebuilt Finance read model is identical to the one before (checksum "
                    + report.after().md5() + ")");
            return OK;
        }
        System.err.println("VERIFICATION FAILED: the rebuilt Finance read model differs from the one before (checksum "
                + report.before().md5() + " before, " + report.after().md5() + " after)");
        return VERIFICATION_FAILED;
    }
}
