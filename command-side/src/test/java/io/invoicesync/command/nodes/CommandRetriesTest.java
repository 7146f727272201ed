package io.invoicesync.command.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Only a concurrent append is decided again; a refusal or any other failure is the command's answer. */
class CommandRetriesTest {

    @Test
    void aConflictIsRetriedHoweverDeepAndWhateverLiesUnderIt() {
        ConcurrencyException conflict = new ConcurrencyException("An event for aggregate [a] at sequence [9] was "
                + "already inserted", new BatchUpdateException("Batch entry 0", "23505", 0, new int[0]));

        assertThat(CommandRetries.isConflict(conflict)).isTrue();
        assertThat(CommandRetries.isConflict(new IllegalStateException("while committing", conflict))).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(CommandRetries.isConflict(new EventStoreException("the store failed"))).isFalse();
        assertThat(CommandRetries.isConflict(new IllegalArgumentException("a rule refused it"))).isFalse();
    }
}
