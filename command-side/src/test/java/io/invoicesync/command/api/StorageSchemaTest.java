package io.invoicesync.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import io.invoicesync.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** DESIGN §7: Axon's stores keep payloads in bytea, never oid large objects (slow and never vacuumed). */
@CommandSideTest
class StorageSchemaTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void hasNoOidColumnAnywhere() {
        List<String> oidColumns = jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type = 'oid'""", String.class);

        assertThat(oidColumns).isEmpty();
    }

    @Test
    void keepsEverySerializedPayloadInBytea() {
        List<String> payloadColumns = jdbc.queryForList("""
                SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
                WHERE table_schema = current_schema()
                  AND column_name IN ('payload', 'meta_data', 'token', 'serialized_saga')
                ORDER BY 1""", String.class);

        assertThat(payloadColumns).containsExactly(
                "domain_event_entry.meta_data:bytea", "domain_event_entry.payload:bytea",
                "saga_entry.serialized_saga:bytea", "snapshot_event_entry.meta_data:bytea",
                "snapshot_event_entry.payload:bytea", "token_entry.token:bytea");
    }
}
