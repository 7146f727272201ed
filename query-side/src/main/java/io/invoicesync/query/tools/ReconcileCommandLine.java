package io.invoicesync.query.tools;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.platform.web.NotFound;
import io.invoicesync.query.reconciliation.Reconciliation;
import io.invoicesync.query.reconciliation.ReconciliationRuns;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar query-side.jar reconcile [--job ID] [--invoice ID] [--since DATE] [--until DATE]}: checks the
 * selected synced invoices against the event store now, beside a running query side or without one, and records the
 * outcomes as the app does. Exit 0 all agreed, 1 a mismatch found, 2 refused (nothing to check there, an unknown job
 * or invoice, an invoice not synced), 3 error (a bad option included).
 */
public final class ReconcileCommandLine {

    public static final int AGREED = 0;
    public static final int MISMATCH = 1;
    public static final int REFUSED = 2;
    public static final int ERROR = 3;

    private static final String USAGE = "usage: reconcile [--job ID] [--invoice ID] [--since DATE] [--until DATE]";
    private static final Set<String> OPTIONS = Set.of("--job", "--invoice", "--since", "--until");
    private static final String HELP = USAGE + """


            Ties each synced invoice out against its source, the confirmed proforma in the event store: every Finance
            row, column by column (a digest per table, and the differing rows named), the row counts and the sums of
            amounts and quantities, the proposal's total against its lines and its actuals, and every connection's
            ends. With no option every synced invoice is checked; options narrow it.
            Reads the same settings as the apps (INVOICESYNC_DB_URL, or the embedded server on
            INVOICESYNC_EMBEDDED_DB_PORT, default 54329, data in INVOICESYNC_EMBEDDED_DB_DIR, default data/postgres).

              --job ID       the invoices a job synced
              --invoice ID   one invoice
              --since DATE   invoices synced on or after this UTC day (2026-11-01)
              --until DATE   invoices synced before this UTC day

            Exit codes: 0 all agreed, 1 a mismatch found (each listed), 2 refused (nothing to check, an unknown job
            or invoice, an invoice not synced yet), 3 error (a bad option included).""";

    private ReconcileCommandLine() {
    }

    public static boolean isReconcile(String[] args) {
        return args.length > 0 && args[0].equals("reconcile");
    }

    public static void main(String[] args) {
        ToolContext.runAndExit("reconcile", out -> run(args, out), ERROR);
    }

    static int run(String[] args, PrintStream out) {
        List<String> words = List.of(args).subList(1, args.length);
        if (ToolContext.asksForHelp(words)) {
            out.println(HELP);
            return AGREED;
        }
        ReconciliationRuns.Selection selection;
        try {
            selection = selection(words);
        } catch (IllegalArgumentException e) {
            System.err.println("reconcile: " + e.getMessage() + "\n" + USAGE + "\n(reconcile --help says more)");
            return ERROR;
        }
        String nothing = ToolContext.nothingThere();
        if (nothing != null) {
            System.err.println("reconcile refused: " + nothing);
            return REFUSED;
        }
        // No processor runs in the tool: it reads and checks, and leaves the events to the app.
        try (ConfigurableApplicationContext context = ToolContext.open("--invoicesync.processors.auto-start=false")) {
            String empty = ToolContext.nothingIn(context);
            if (empty != null) {
                System.err.println("reconcile refused: " + empty);
                return REFUSED;
            }
            ProgressBar bar = new ProgressBar(out, System.console() != null, "reconcile", "invoices");
            ReconciliationRuns.Summary summary = context.getBean(ReconciliationRuns.class).run(selection, bar::update);
            return report(summary, out);
        } catch (NotFound | BusinessRuleViolation e) {
            System.err.println("reconcile refused: " + e.getMessage());
            return REFUSED;
        }
    }

    private static int report(ReconciliationRuns.Summary summary, PrintStream out) {
        out.printf("checked %,d synced invoices in %.1f s: %,d reconciled, %,d mismatched%n", summary.checked(),
                summary.seconds(), summary.reconciled(), summary.mismatched());
        for (Reconciliation mismatch : summary.mismatches()) {
            out.printf("MISMATCH invoice %s (job %s)%n", mismatch.invoiceId(), mismatch.jobId());
            mismatch.differences().forEach(difference -> out.println("  " + difference));
        }
        if (summary.mismatched() > summary.mismatches().size()) {
            out.printf("... and %,d more: GET /api/reconciliations?status=MISMATCH lists them all%n",
                    summary.mismatched() - summary.mismatches().size());
        }
        return summary.agreed() ? AGREED : MISMATCH;
    }

    private static ReconciliationRuns.Selection selection(List<String> words) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i);
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException((option.startsWith("-") ? "unknown option " : "unexpected word ")
                        + option);
            }
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            if (values.put(option, words.get(++i)) != null) {
                throw new IllegalArgumentException(option + " is given twice");
            }
        }
        LocalDate since = date(values, "--since");
        LocalDate until = date(values, "--until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--until must be after --since");
        }
        return new ReconciliationRuns.Selection(id(values, "--job"), id(values, "--invoice"),
                since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant(),
                until == null ? null : until.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static UUID id(Map<String, String> values, String option) {
        String value = values.get(option);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be an id (a UUID), not " + value);
        }
    }

    private static LocalDate date(Map<String, String> values, String option) {
        String value = values.get(option);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a date like 2026-11-01, not " + value);
        }
    }
}
