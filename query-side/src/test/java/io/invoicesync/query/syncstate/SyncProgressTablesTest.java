package io.invoicesync.query.syncstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.query.support.QuerySideTest;
import io.invoicesync.query.syncstate.SyncErrorReader.ErrorFilter;
import io.invoicesync.query.syncstate.SyncErrorReader.SyncError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner of the sync's progress against a real PostgreSQL: each named transition, read back through the one
 * reader, and the transitions it must not make (a resume of an invoice that is not paused, a retry of one that did
 * not fail).
 */
@QuerySideTest
class SyncProgressTablesTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    SyncProgressTables tables;
    @Autowired
    SyncProgressReader reader;
    @Autowired
    InvoiceProgressReader invoices;
    @Autowired
    SyncErrorReader errorReader;
    @Autowired
    ReconciliationReader reconciliations;
    @Autowired
    JdbcTemplate jdbc;

    private final UUID job = UUID.randomUUID();
    private final UUID run = UUID.randomUUID();

    private UUID startedInvoice() {
        UUID invoice = UUID.randomUUID();
        tables.confirmed(new ProformaConfirmed(invoice, "PC-1", "CUST-1", "EUR", LocalDate.of(2026, 12, 1), null, 3,
                new BigDecimal("30.00"), 3, 6, 1, AT));
        assertThat(status(invoice)).isEqualTo(InvoiceSyncStatus.WAITING);
        tables.started(invoice, "ASYNC", job, run, "invoices", AT);
        return invoice;
    }

    private InvoiceSyncStatus status(UUID invoice) {
        return invoices.invoiceSync(invoice).orElseThrow().status();
    }

    private List<SyncError> errors(UUID invoice) {
        return errorReader.errors(new ErrorFilter(job, invoice, null, null, null), Paging.of(0, 100)).content();
    }

    private void fail(UUID invoice, ErrorCategory category) {
        tables.failed(new SyncRecordFailed(invoice, job, run, "msdyn_actuals", 1, "r-1", category.name(), "refused",
                AT), UUID.randomUUID().toString());
    }

    @Test
    void aConfirmationsBusinessContextNeverFailsItsProgressRow() {
        UUID invoice = UUID.randomUUID();
        tables.confirmed(new ProformaConfirmed(invoice, "PC-" + "x".repeat(150), "CUST-\u0000", "EURO-DOLLAR-YEN",
                LocalDate.of(2026, 12, 1), null, 3, new BigDecimal("1E+20"), 3, 6, 1, AT));

        assertThat(status(invoice)).isEqualTo(InvoiceSyncStatus.WAITING);
        assertThat(jdbc.queryForMap("SELECT customer_id, length(project_contract_id) AS contract, currency, "
                + "total_amount FROM sync_invoice WHERE invoice_id = ?", invoice))
                .containsEntry("customer_id", "CUST-?").containsEntry("contract", 100)
                .containsEntry("currency", "EURO-DOLLA")
                .hasEntrySatisfying("total_amount", amount -> assertThat((BigDecimal) amount)
                        .isEqualByComparingTo("1E+20"));
    }

    @Test
    void aStartedInvoiceIsInProgressAtItsFirstMapForItsJob() {
        UUID invoice = startedInvoice();

        InvoiceProgressReader.InvoiceSync sync = invoices.invoiceSync(invoice).orElseThrow();
        assertThat(sync.status()).isEqualTo(InvoiceSyncStatus.IN_PROGRESS);
        assertThat(sync.jobId()).isEqualTo(job);
        assertThat(sync.currentMap()).isEqualTo("invoices");
    }

    @Test
    void aPausedInvoiceResumesInTheNewRunAndAnyOtherKeepsItsState() {
        UUID paused = startedInvoice();
        tables.paused(paused, AT);
        assertThat(status(paused)).isEqualTo(InvoiceSyncStatus.PAUSED);
        UUID failed = startedInvoice();
        fail(failed, ErrorCategory.APPLICATION);

        UUID nextRun = UUID.randomUUID();
        tables.resumed(paused, job, nextRun, AT);
        tables.resumed(failed, job, nextRun, AT);

        assertThat(status(paused)).isEqualTo(InvoiceSyncStatus.IN_PROGRESS);
        assertThat(status(failed)).as("only a paused invoice resumes").isEqualTo(InvoiceSyncStatus.FAILED);
    }

    @Test
    void aSystemFailureRetriedWaitsForItsNewStartAnApplicationOneGoesOn() {
        UUID system = startedInvoice();
        fail(system, ErrorCategory.SYSTEM);
        UUID application = startedInvoice();
        fail(application, ErrorCategory.APPLICATION);
        assertThat(errors(system)).extracting(SyncError::status).containsExactly(ErrorStatus.OPEN);

        tables.retried(system, AT);
        tables.retried(application, AT);

        assertThat(status(system)).isEqualTo(InvoiceSyncStatus.WAITING);
        assertThat(status(application)).isEqualTo(InvoiceSyncStatus.IN_PROGRESS);
        assertThat(errors(system)).extracting(SyncError::status).containsExactly(ErrorStatus.RETRIED);
    }

    @Test
    void aRetryOfAnInvoiceThatDidNotFailChangesNothing() {
        UUID invoice = startedInvoice();

        tables.retried(invoice, AT);

        assertThat(status(invoice)).isEqualTo(InvoiceSyncStatus.IN_PROGRESS);
    }

    @Test
    void aDismissalClosesTheOpenErrorsAndKeepsThem() {
        UUID invoice = startedInvoice();
        fail(invoice, ErrorCategory.APPLICATION);

        tables.dismissed(invoice, AT);

        assertThat(status(invoice)).isEqualTo(InvoiceSyncStatus.DISMISSED);
        assertThat(errors(invoice)).extracting(SyncError::status).containsExactly(ErrorStatus.DISMISSED);
    }

    @Test
    void aSyncedInvoiceIsQueuedForItsCheckAndAMismatchIsAnErrorUntilACheckAgrees() {
        UUID invoice = startedInvoice();
        tables.synced(invoice, job, AT);
        assertThat(status(invoice)).isEqualTo(InvoiceSyncStatus.SYNCED);
        assertThat(reader.reconciliationsByStatus().get(ReconciliationStatus.QUEUED)).isPositive();

        tables.checked(invoice, job, ReconciliationStatus.MISMATCH,
                List.of(new Difference("msdyn_actuals", "sum of actual amounts", "603", "604")), AT, AT);
        assertThat(errors(invoice)).extracting(SyncError::category, SyncError::status)
                .containsExactly(tuple(ErrorCategory.RECONCILIATION, ErrorStatus.OPEN));
        assertThat(reconciliations.reconciliationOf(invoice).orElseThrow().differences()).hasSize(1);

        tables.checked(invoice, job, ReconciliationStatus.RECONCILED, List.of(), AT, AT.plusSeconds(1));
        assertThat(errors(invoice)).extracting(SyncError::status).containsExactly(ErrorStatus.RESOLVED);
        assertThat(reconciliations.reconciliationOf(invoice).orElseThrow().status()).isEqualTo(ReconciliationStatus.RECONCILED);
    }
}
