package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.query.support.QuerySideTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * G2 rests on each batch's writes, saga state, published events and token sharing one database transaction. With
 * Boot 4, Axon's auto-configuration silently fell back to a no-op transaction manager; this pins the real one.
 */
@Tag("reliability")
@QuerySideTest
class ProcessingTransactionsTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyProcessingGroupRunsItsBatchesInASpringTransaction() {
        for (String group : new String[]{"sync-coordinator", "invoice-sync", "finance"}) {
            assertThat(((EventProcessingModule) processing).transactionManager(group)).as(group)
                    .isInstanceOf(SpringTransactionManager.class);
        }
    }
}
