package io.invoicesync.query.integrationjob.preflight;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.sync.rules.FinanceRules;
import io.invoicesync.query.syncstate.CoordinatorTables;
import io.invoicesync.query.syncstate.CoordinatorTables.Confirmation;
import io.invoicesync.query.syncstate.SyncProgressReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * What a job's next run would meet, found without writing anything: every invoice it would sync (waiting for a run,
 * or paused in this job), each asked the rules Finance applies ({@link FinanceRules}, the very ones the sync asks);
 * those that would fail grouped by cause, and the time the rest would take at the rate Finance was written at lately.
 */
@Component
public class Preflight {

    /** Invoices looked at, at most: past this the answer says it stopped counting. */
    static final int MAX_INVOICES = 20_000;
    /** Invoice ids named per cause, at most. */
    static final int IDS_PER_CAUSE = 100;
    /** The throughput the estimate assumes: Finance rows written by any job over this window. */
    static final Duration RECENT = Duration.ofMinutes(10);

    private final CoordinatorTables coordinator;
    private final SyncProgressReader progress;
    private final ProformaSource source;
    private final FinanceRules rules;
    private final Clock clock;

    public Preflight(CoordinatorTables coordinator, SyncProgressReader progress, ProformaSource source,
                     FinanceRules rules, Clock clock) {
        this.coordinator = coordinator;
        this.progress = progress;
        this.source = source;
        this.rules = rules;
        this.clock = clock;
    }

    /** Invoices one cause would stop: the rule, what it is about, the sentence a person reads. */
    public record Cause(String rule, String subject, String message, int invoices, List<UUID> invoiceIds) {
    }

    /**
     * @param estimatedSeconds time to write {@code rowsToWrite} at {@code recentRowsPerSecond}; null with no recent
     *                         writes to go by
     * @param complete         false when more than {@link #MAX_INVOICES} wait: the figures are of the first ones
     */
    public record Report(UUID jobId, Instant checkedAt, int invoicesToSync, int invoicesThatWouldFail,
                         long rowsToWrite, List<Cause> causes, double recentRowsPerSecond, long recentWindowSeconds,
                         Long estimatedSeconds, boolean complete) {
    }

    /** The invoices one broken rule stops, as they are met. */
    private record Failing(BusinessRule rule, List<UUID> invoiceIds) {
    }

    public Report check(UUID jobId) {
        List<Confirmation> pending = coordinator.pending(jobId, MAX_INVOICES + 1);
        boolean complete = pending.size() <= MAX_INVOICES;
        pending = pending.subList(0, Math.min(pending.size(), MAX_INVOICES));
        FinanceRules check = rules.forManyInvoices();
        Map<String, Failing> failing = new LinkedHashMap<>();
        long rows = 0;
        List<UUID> passing = new ArrayList<>();
        for (Confirmation invoice : pending) {
            Optional<BusinessRule> broken = brokenRule(check, invoice);
            if (broken.isPresent()) {
                BusinessRule rule = broken.get();
                failing.computeIfAbsent(rule.name() + "\u0000" + rule.subject() + "\u0000" + rule.message(),
                        key -> new Failing(rule, new ArrayList<>())).invoiceIds().add(invoice.invoiceId());
            } else {
                passing.add(invoice.invoiceId());
                rows += 1L + invoice.lineCount() + invoice.actualCount() + invoice.connectionCount();
            }
        }
        rows = Math.max(0, rows - (passing.isEmpty() ? 0 : progress.rowsApplied(passing)));
        List<Cause> causes = failing.values().stream()
                .map(f -> new Cause(f.rule().name(), f.rule().subject(), f.rule().message(), f.invoiceIds().size(),
                        f.invoiceIds().subList(0, Math.min(IDS_PER_CAUSE, f.invoiceIds().size()))))
                .sorted((a, b) -> Integer.compare(b.invoices(), a.invoices()))
                .toList();
        SyncProgressReader.RecentRate rate = progress.recentRate(RECENT);
        double perSecond = Math.round(rate.rowsPerSecond() * 10) / 10.0;
        Long estimate = rows == 0 ? Long.valueOf(0) : perSecond > 0 ? (long) Math.ceil(rows / perSecond) : null;
        return new Report(jobId, clock.instant(), pending.size(), pending.size() - passing.size(), rows, causes,
                perSecond, RECENT.toSeconds(), estimate, complete);
    }

    private Optional<BusinessRule> brokenRule(FinanceRules check, Confirmation invoice) {
        ProformaSource.SourceEvent event = source.eventAt(invoice.invoiceId(), invoice.confirmedSequence());
        if (event == null || !(event.payload() instanceof ProformaConfirmed confirmed)) {
            // The run would fail this invoice as a defect; a preflight says so rather than guess.
            throw new IllegalStateException("Proforma " + invoice.invoiceId() + " has no confirmation at sequence "
                    + invoice.confirmedSequence());
        }
        try {
            return check.broken(confirmed);
        } catch (DataAccessException refused) {
            Throwable root = refused.getMostSpecificCause();
            return Optional.of(new FinanceCannotCheck(invoice.invoiceId(),
                    String.valueOf(root.getMessage()).replaceAll("\\p{Cc}", "?")));
        }
    }
}
