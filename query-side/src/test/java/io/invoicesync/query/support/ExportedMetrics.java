package io.invoicesync.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metrics the apps export, each with its labels, as their Prometheus pages show them; and the check that a
 * shipped alert or dashboard query names only those (every selector in ops/ is written name{...}).
 */
public final class ExportedMetrics {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    private final Map<String, Set<String>> labels = new HashMap<>();

    private ExportedMetrics() {
    }

    /** What the apps' /actuator/prometheus pages export right now. */
    public static ExportedMetrics scrape(Api... apps) {
        ExportedMetrics exported = new ExportedMetrics();
        for (Api app : apps) {
            Matcher sample = SAMPLE.matcher(app.getText(Api.ADMIN, "/actuator/prometheus"));
            while (sample.find()) {
                Set<String> its = exported.labels.computeIfAbsent(sample.group(1), k -> new HashSet<>());
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    its.add(label.group(1));
                }
            }
        }
        return exported;
    }

    /** The expressions of a Prometheus rules file, in order. */
    public static List<String> alertExpressions(Path rulesFile) throws IOException {
        List<String> expressions = new ArrayList<>();
        Map<String, Object> rules = new Yaml().load(Files.readString(rulesFile));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add((String) ((Map<?, ?>) rule).get("expr"));
            }
        }
        return expressions;
    }

    /** The queries of a Grafana dashboard's panels. */
    public static List<String> panelExpressions(Path dashboardFile) throws IOException {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(dashboardFile));
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                expressions.add(target.path("expr").asString())));
        return expressions;
    }

    /** Each metric of the expression is exported, with each label its matchers and its "by (...)" clauses name. */
    public void assertNamesOnlyExported(String expression) {
        Matcher selector = SELECTOR.matcher(expression);
        Set<String> labelsOfItsMetrics = new HashSet<>();
        int selectors = 0;
        while (selector.find()) {
            selectors++;
            String metric = selector.group(1);
            assertThat(labels).as("metric " + metric + " in " + expression).containsKey(metric);
            labelsOfItsMetrics.addAll(labels.get(metric));
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                assertThat(labels.get(metric)).as("label " + matcher.group(1) + " of " + metric)
                        .contains(matcher.group(1));
            }
        }
        assertThat(selectors).as("selectors in " + expression).isPositive();
        Matcher by = BY.matcher(expression);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                assertThat(labelsOfItsMetrics).as("label " + label.trim() + " grouped by in " + expression)
                        .contains(label.trim());
            }
        }
    }
}
