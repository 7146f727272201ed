package io.invoicesync.query.sync;

import static io.invoicesync.kernel.integrationjob.TableMap.ACTUALS;
import static io.invoicesync.kernel.integrationjob.TableMap.INVOICES;
import static io.invoicesync.kernel.integrationjob.TableMap.TRANSACTION_CONNECTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invoicesync.query.sync.InvoiceSyncPlan.MapApplied;
import io.invoicesync.query.sync.InvoiceSyncPlan.SendBatch;
import io.invoicesync.query.sync.InvoiceSyncPlan.Step;
import io.invoicesync.query.sync.InvoiceSyncPlan.Synced;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of an invoice's sync, the same for the saga and real time, without Axon or a database. */
class InvoiceSyncPlanTest {

    private static List<Step> walk(InvoiceSyncPlan plan) {
        List<Step> steps = new ArrayList<>();
        for (Step step = plan.next(); !(step instanceof Synced); step = plan.next()) {
            steps.add(step);
        }
        return steps;
    }

    @Test
    void everyBatchOfAMapBeforeTheNextMapInDependencyOrder() {
        InvoiceSyncPlan plan = InvoiceSyncPlan.start(List.of(TRANSACTION_CONNECTIONS, INVOICES, ACTUALS), 2);

        assertThat(walk(plan)).containsExactly(
                new SendBatch(INVOICES, 1), new SendBatch(INVOICES, 2), new MapApplied(INVOICES, 2),
                new SendBatch(ACTUALS, 1), new SendBatch(ACTUALS, 2), new MapApplied(ACTUALS, 2),
                new SendBatch(TRANSACTION_CONNECTIONS, 1), new SendBatch(TRANSACTION_CONNECTIONS, 2),
                new MapApplied(TRANSACTION_CONNECTIONS, 2));
        assertThat(plan.next()).as("synced stays synced").isEqualTo(new Synced());
    }

    @Test
    void aPlanResumedWhereASagaStoodGoesOnFromThere() {
        InvoiceSyncPlan first = InvoiceSyncPlan.start(List.of(INVOICES, ACTUALS), 3);
        first.next();
        first.next();
        first.next();
        first.next();

        InvoiceSyncPlan resumed = InvoiceSyncPlan.at(List.of(INVOICES, ACTUALS), 3, first.mapIndex(),
                first.nextBatch());

        assertThat(resumed.next()).isEqualTo(new SendBatch(ACTUALS, 1));
    }

    @Test
    void aRefusedBatchIsSentAgainNextTime() {
        InvoiceSyncPlan plan = InvoiceSyncPlan.start(List.of(INVOICES), 2);
        assertThat(plan.next()).isEqualTo(new SendBatch(INVOICES, 1));

        plan.retryLastBatch();

        assertThat(plan.next()).isEqualTo(new SendBatch(INVOICES, 1));
    }

    @Test
    void refusesAnInvoiceWithoutChunks() {
        assertThatThrownBy(() -> InvoiceSyncPlan.start(List.of(INVOICES), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
