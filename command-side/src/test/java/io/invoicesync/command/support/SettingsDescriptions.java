package io.invoicesync.command.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The descriptions an IDE shows for InvoiceSync's settings: the configuration metadata the annotation processor built
 * from the properties' Javadoc, in every module on the test's classpath (an app's own and the platform's).
 */
public final class SettingsDescriptions {

    private SettingsDescriptions() {
    }

    /** "name: description" of every {@code invoicesync.*} setting. */
    public static List<String> ofInvoiceSync() throws IOException {
        List<String> described = new ArrayList<>();
        for (URL metadata : Collections.list(SettingsDescriptions.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                    if (property.path("name").asString().startsWith("invoicesync.")) {
                        described.add(property.path("name").asString() + ": "
                                + property.path("description").asString());
                    }
                }
            }
        }
        return described;
    }
}
