package io.invoicesync.query.console;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.query.syncstate.CatchUpOutcome;
import io.invoicesync.query.syncstate.CoordinatorState;
import io.invoicesync.query.syncstate.ErrorCategory;
import io.invoicesync.query.syncstate.ErrorStatus;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import io.invoicesync.query.syncstate.JobAction;
import io.invoicesync.query.syncstate.JobStatus;
import io.invoicesync.query.syncstate.Labelled;
import io.invoicesync.query.syncstate.MapState;
import io.invoicesync.query.syncstate.ReconciliationStatus;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sync's states by name and label, as the enums of {@code syncstate} declare them: the console builds its
 * filters, badges and counts from this answer, so a state added there shows in the console with no other change.
 */
@RestController
class VocabularyController {

    record Term(String name, String label) {
    }

    record Vocabulary(List<Term> invoiceStatus, List<Term> jobInvoiceStatus, List<Term> jobStatus,
                      List<Term> mapState, List<Term> errorStatus, List<Term> errorCategory,
                      List<Term> actionableErrorCategory, List<Term> reconciliationStatus,
                      List<Term> coordinatorState, List<Term> jobAction, List<Term> catchUpOutcome,
                      List<Term> tableMap) {
    }

    @GetMapping("/api/console/vocabulary")
    Vocabulary vocabulary() {
        return new Vocabulary(terms(InvoiceSyncStatus.values()), terms(InvoiceSyncStatus.ofAJob()),
                terms(JobStatus.values()), terms(MapState.values()), terms(ErrorStatus.values()),
                terms(ErrorCategory.values()),
                terms(Arrays.stream(ErrorCategory.values()).filter(ErrorCategory::isActionable).toList()),
                terms(ReconciliationStatus.values()), terms(CoordinatorState.values()), terms(JobAction.values()),
                terms(CatchUpOutcome.values()),
                TableMap.inSyncOrder().stream().map(m -> new Term(m.tableName(), m.tableName())).toList());
    }

    private static List<Term> terms(Labelled[] states) {
        return terms(Arrays.asList(states));
    }

    private static List<Term> terms(List<? extends Labelled> states) {
        return states.stream().map(s -> new Term(s.name(), s.label())).toList();
    }
}
