package io.invoicesync.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.query.processing.ProcessorsProperties;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every setting of both apps and the platform is a {@code @ConfigurationProperties} record whose metadata (generated
 * at build time from the records' Javadoc) describes it, and the settings table of {@code docs/operating.md} lists
 * exactly those. The query side's test classpath holds all three modules' metadata files.
 */
class SettingsTest {

    private static final Path OPERATING = DocsTest.ROOT.resolve("docs/operating.md");
    private static final Pattern FULL_NAME = Pattern.compile("`(invoicesync\\.[a-z0-9.<>-]+)`");
    private static final Pattern SHORT_NAME = Pattern.compile("`\\.([a-z0-9-]+)`");

    @Test
    void everySettingHasADescriptionAndARowInTheOperatorsGuideAndEveryRowIsASetting() throws Exception {
        Map<String, String> settings = invoicesyncSettings();
        assertThat(settings.keySet()).as("all three modules' settings")
                .contains("invoicesync.database.url", "invoicesync.event-store.batch-size",
                        "invoicesync.query-side.url", "invoicesync.integration.minimum-core-solution-version",
                        "invoicesync.command-side.url", "invoicesync.processors.invoice-sync.attempts",
                        "invoicesync.sync.batches-in-flight", "invoicesync.nodes.live-for");
        settings.forEach((name, description) ->
                assertThat(description).as("description of " + name).isNotBlank());

        List<Pattern> documented = documentedSettings();
        List<String> undocumented = settings.keySet().stream()
                .filter(name -> documented.stream().noneMatch(row -> row.matcher(name).matches())).toList();
        assertThat(undocumented).as("settings missing from docs/operating.md's table").isEmpty();
        List<String> stale = documented.stream()
                .filter(row -> settings.keySet().stream().noneMatch(name -> row.matcher(name).matches()))
                .map(Pattern::pattern).toList();
        assertThat(stale).as("docs/operating.md rows naming no setting").isEmpty();
    }

    @Test
    void aProcessingGroupIsSetFromItsEnvironmentVariableDashesAndAll() {
        // A Map<String, Processor> would bind INVOICE_SYNC to the key "invoice" (or "invoice.sync"): named fields
        // are what make the documented variables work.
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                "INVOICESYNC_PROCESSORS_INVOICE_SYNC_BATCH_SIZE", "7",
                "INVOICESYNC_PROCESSORS_SYNC_COORDINATOR_TOKEN_CLAIM_INTERVAL", "250",
                "INVOICESYNC_PROCESSORS_FINANCE_THREAD_COUNT", "3")));
        ProcessorsProperties processors = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("invoicesync.processors", ProcessorsProperties.class);

        assertThat(processors.of("invoice-sync").batchSize()).isEqualTo(7);
        assertThat(processors.of("sync-coordinator").tokenClaimInterval()).isEqualTo(250L);
        assertThat(processors.of("finance").threadCount()).isEqualTo(3);
        assertThat(processors.of("finance").initialSegmentCount()).as("segments default to threads").isEqualTo(3);
        assertThat(processors.of("invoice-sync").attempts()).isEqualTo(3);
    }

    private static Map<String, String> invoicesyncSettings() throws Exception {
        Map<String, String> settings = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL file : Collections.list(SettingsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = file.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("invoicesync.")) {
                        settings.put(name, property.path("description").asString(""));
                    }
                }
            }
        }
        return settings;
    }

    /**
     * The property names in the operators' guide's settings table, as patterns: {@code <group>} stands for any group, and a
     * short {@code `.name`} in a row is a sibling of the row's first full name.
     */
    private static List<Pattern> documentedSettings() throws Exception {
        String guide = Files.readString(OPERATING);
        int start = guide.indexOf("\n## Settings");
        String section = guide.substring(start, guide.indexOf("\n## ", start + 1));
        List<Pattern> names = new ArrayList<>();
        for (String row : section.lines().filter(line -> line.startsWith("| `")).toList()) {
            String propertyCell = row.split("\\|")[1];
            Matcher full = FULL_NAME.matcher(propertyCell);
            String first = null;
            while (full.find()) {
                first = first == null ? full.group(1) : first;
                names.add(pattern(full.group(1)));
            }
            Matcher sibling = SHORT_NAME.matcher(propertyCell);
            while (first != null && sibling.find()) {
                names.add(pattern(first.substring(0, first.lastIndexOf('.') + 1) + sibling.group(1)));
            }
        }
        return names;
    }

    private static Pattern pattern(String name) {
        return Pattern.compile(Pattern.quote(name).replace("<group>", "\\E[a-z-]+\\Q"));
    }
}
