package io.invoicesync.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** PostgreSQL's duplicate key, however the driver wraps it, is a concurrent append; other failures are not. */
class DuplicateAppendResolverTest {

    private final DuplicateAppendResolver resolver = new DuplicateAppendResolver();

    @Test
    void aUniqueViolationInABatchIsADuplicateAppend() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        batch.setNextException(duplicate);

        assertThat(resolver.isDuplicateKeyViolation(batch)).as("state on the next exception").isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(new BatchUpdateException("x", "23505", 0,
                new int[0])))).as("state on a wrapped batch").isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException(duplicate))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("check violated", "23514"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection lost", "08006"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
