package io.invoicesync.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs against the code, so that they cannot drift: every relative link and anchor resolves, every problem type the
 * apps can answer is explained in the users' guide, the README stays a ten-minute read, and the docs speak of today,
 * not of history. (The settings are held to {@code docs/operating.md} by {@link SettingsTest}, the API's paths to
 * {@code docs/using.md} by {@link ApiContractTest}.)
 */
class DocsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path USING = ROOT.resolve("docs/using.md");
    private static final int README_LINES = 250;

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*$");
    private static final Pattern HISTORY = Pattern.compile("\\b[Ii]ssues? \\d+|[Uu]ntil issue|last stop|this session");

    /** Where the apps name a problem type (the part of its URN after {@code urn:invoicesync:problem:}). */
    private static final List<Pattern> PROBLEM_TYPE_LITERALS = List.of(
            Pattern.compile("new BusinessRuleViolation\\(\\s*\"([a-z-]+)\""),
            Pattern.compile("super\\(\\s*\"([a-z-]+)\",\\s*\"\\w+\""),
            Pattern.compile("problem\\(HttpStatus\\.\\w+,\\s*\"([a-z-]+)\""),
            Pattern.compile("\\.write\\(response,\\s*HttpStatus\\.\\w+,\\s*\"([a-z-]+)\""),
            Pattern.compile("answer\\([\\w.]+,\\s*\"([a-z-]+)\""));
    private static final Pattern RULE_TYPE =
            Pattern.compile("(?:class|record)\\s+(\\w+)\\b[^{]*\\bimplements\\b[^{]*\\bBusinessRule\\b");
    private static final Pattern NAMED_RULE = Pattern.compile("String name\\(\\)\\s*\\{\\s*return \"([a-z-]+)\";");

    @Test
    void theReadmeIsATenMinuteRead() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).as("README.md lines").hasSizeLessThan(README_LINES);
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : docs()) {
            for (String target : links(doc)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                String where = ROOT.relativize(doc) + " -> " + target;
                if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(where + " (no such heading; there are " + anchors(resolved) + ")");
                }
            }
        }
        assertThat(links).as("relative links checked").isGreaterThan(50);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyProblemTypeTheAppsCanAnswerIsExplainedInTheUsersGuide() throws IOException {
        Set<String> types = problemTypes();
        assertThat(types).as("the scan of the sources still finds the problem types")
                .hasSizeGreaterThan(50)
                .contains("database-unavailable", "unauthenticated", "proforma-is-still-draft", "id-already-taken",
                        "finance-key-held-by-one-invoice", "changes-pruned", "command-side-unavailable",
                        "real-time-sync-within-limit", "invoice-is-synced")
                .doesNotContain("line-id-is-not-on-another-invoice");
        String using = Files.readString(USING);
        assertThat(types.stream().filter(type -> !using.contains("`" + type + "`")).toList())
                .as("problem types missing from docs/using.md").isEmpty();
    }

    @Test
    void theDocsSayWhatIsTrueTodayNotHowItCameToBe() throws IOException {
        List<String> history = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (HISTORY.matcher(lines.get(i)).find()) {
                    history.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(history).as("history belongs in git, not in the docs").isEmpty();
    }

    /** README.md, every module's README and everything under docs/. */
    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String module : List.of("shared-kernel", "platform", "command-side", "query-side")) {
            docs.add(ROOT.resolve(module).resolve("README.md"));
        }
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(path -> path.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The targets of a Markdown file's links and images, outside fenced code. */
    private static List<String> links(Path doc) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher link = LINK.matcher(fenced ? "" : line.replaceAll("`[^`]*`", ""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** A Markdown file's heading anchors as GitHub makes them: lower case, punctuation dropped, spaces as dashes. */
    static Set<String> anchors(Path doc) throws IOException {
        Set<String> anchors = new TreeSet<>();
        if (!doc.toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = heading.group(1).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** Every problem type named in the main sources of the four modules. */
    private static Set<String> problemTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        for (String module : List.of("shared-kernel", "platform", "command-side", "query-side")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    for (Pattern literal : PROBLEM_TYPE_LITERALS) {
                        literal.matcher(source).results().forEach(found -> types.add(found.group(1)));
                    }
                    Matcher rule = RULE_TYPE.matcher(source);
                    if (rule.find()) {
                        Matcher named = NAMED_RULE.matcher(source);
                        types.add(named.find() ? named.group(1) : kebab(rule.group(1)));
                    }
                }
            }
        }
        return types;
    }

    /** As {@code BusinessRule.name()} makes a rule's name from its class. */
    private static String kebab(String className) {
        return className.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
