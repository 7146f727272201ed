package io.invoicesync.command.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings' descriptions an IDE shows (the configuration metadata built from the properties' Javadoc, the command side's
 * and the platform's) are plain sentences: no raw {@literal {@code …}} or {@literal {@link …}} markup.
 */
class ConfigurationMetadataTest {

    @Test
    void everyInvoiceSyncSettingIsDescribedInPlainWords() throws Exception {
        List<String> described = new ArrayList<>();
        for (URL metadata : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            JsonNode json = JsonMapper.shared().readTree(metadata.openStream());
            for (JsonNode property : json.path("properties")) {
                if (property.path("name").asString().startsWith("invoicesync.")) {
                    described.add(property.path("name").asString() + ": " + property.path("description").asString());
                }
            }
        }
        assertThat(described).as("the command side's and the platform's settings").hasSizeGreaterThan(20)
                .anyMatch(d -> d.startsWith("invoicesync.query-side."))
                .anyMatch(d -> d.startsWith("invoicesync.database."));
        assertThat(described).noneMatch(d -> d.contains("{@"));
    }
}
