package io.invoicesync.command.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.SettingsDescriptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command side's and the platform's settings are described in plain sentences: no raw {@literal {@code …}} or
 * {@literal {@link …}} markup where an IDE shows them.
 */
class ConfigurationMetadataTest {

    @Test
    void everyInvoiceSyncSettingIsDescribedInPlainWords() throws Exception {
        List<String> described = SettingsDescriptions.ofInvoiceSync();

        assertThat(described).hasSizeGreaterThan(15).anyMatch(d -> d.startsWith("invoicesync.query-side."))
                .anyMatch(d -> d.startsWith("invoicesync.database."));
        assertThat(described).noneMatch(d -> d.contains("{@"));
    }
}
