package io.invoicesync.query.syncstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync's vocabulary and its storage formats, without a database. */
class SyncStateTest {

    @Test
    void differencesSurviveTheirStorageFormat() {
        List<Difference> differences = List.of(new Difference("invoices", "lines", "10", "9"),
                new Difference("msdyn_actuals", "sum of actual amounts", "2010.0000", "2009.0000"));

        assertThat(ReconciliationReader.decode(SyncProgressTables.encode(differences))).isEqualTo(differences);
        assertThat(ReconciliationReader.decode(SyncProgressTables.encode(List.of()))).isEmpty();
    }

    @Test
    void aMapWithAllItsBatchesIsAppliedWhateverTheInvoice() {
        for (InvoiceSyncStatus invoice : InvoiceSyncStatus.values()) {
            assertThat(MapState.of(3, 3, true, invoice)).isEqualTo(MapState.APPLIED);
        }
    }

    @Test
    void theMapAnInvoiceStandsAtTakesTheInvoicesState() {
        assertThat(MapState.of(1, 3, true, InvoiceSyncStatus.PAUSED)).isEqualTo(MapState.PAUSED);
        assertThat(MapState.of(1, 3, true, InvoiceSyncStatus.FAILED)).isEqualTo(MapState.FAILED);
        assertThat(MapState.of(0, 3, true, InvoiceSyncStatus.DISMISSED)).isEqualTo(MapState.DISMISSED);
        assertThat(MapState.of(1, 3, true, InvoiceSyncStatus.WAITING)).isEqualTo(MapState.WAITING);
        assertThat(MapState.of(1, 3, true, InvoiceSyncStatus.IN_PROGRESS)).isEqualTo(MapState.IN_PROGRESS);
    }

    @Test
    void anotherMapIsInProgressOnceBegunElsePending() {
        assertThat(MapState.of(2, 3, false, InvoiceSyncStatus.FAILED)).isEqualTo(MapState.IN_PROGRESS);
        assertThat(MapState.of(0, 3, false, InvoiceSyncStatus.FAILED)).isEqualTo(MapState.PENDING);
    }

    @Test
    void aJobCountsEveryInvoiceStateButWaiting() {
        assertThat(InvoiceSyncStatus.ofAJob()).containsExactly(InvoiceSyncStatus.IN_PROGRESS,
                InvoiceSyncStatus.PAUSED, InvoiceSyncStatus.SYNCED, InvoiceSyncStatus.FAILED,
                InvoiceSyncStatus.DISMISSED);
    }

    @Test
    void onlyTheSyncsOwnFailuresAreRetriedOrDismissed() {
        assertThat(ErrorCategory.APPLICATION.isActionable()).isTrue();
        assertThat(ErrorCategory.SYSTEM.isActionable()).isTrue();
        assertThat(ErrorCategory.RECONCILIATION.isActionable()).isFalse();
    }
}
