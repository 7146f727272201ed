package io.invoicesync.query.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query side's rooms, as {@code STYLE.md} wants them and {@code docs/architecture.md} names them: the sync's path
 * in {@code sync}, the framework's workarounds in {@code processing}, Finance's read model knowing nothing of jobs, and
 * controllers that ask their feature's reader instead of holding SQL.
 */
class ArchitectureTest {

    private static final JavaClasses QUERY_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.invoicesync.query");

    @Test
    void featurePackagesFormNoCycle() {
        assertThat(QUERY_SIDE.containPackage("io.invoicesync.query.sync")).as("the classes were read").isTrue();
        slices().matching("io.invoicesync.query.(*)..").should().beFreeOfCycles().check(QUERY_SIDE);
    }

    @Test
    void financeAndRealTimeNeverReachIntoTheIntegrationJob() {
        noClasses().that().resideInAnyPackage("io.invoicesync.query.finance..", "io.invoicesync.query.realtime..")
                .should().dependOnClassesThat().resideInAPackage("io.invoicesync.query.integrationjob..")
                .check(QUERY_SIDE);
    }

    @Test
    void financeKnowsNothingOfHowItIsSynced() {
        noClasses().that().resideInAPackage("io.invoicesync.query.finance..")
                .should().dependOnClassesThat().resideInAPackage("io.invoicesync.query.sync..")
                .check(QUERY_SIDE);
    }

    @Test
    void controllersHoldNoSql() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
                .orShould().dependOnClassesThat().areAssignableTo(NamedParameterJdbcTemplate.class)
                .check(QUERY_SIDE);
    }

    /** SQL is text, not a dependency ArchUnit sees: the sources are read for it. */
    @Test
    void theQuarantineTableHasOneWriter() throws IOException {
        Pattern writes = Pattern.compile("(INSERT INTO|DELETE FROM|UPDATE)\\s+sync_quarantine\\b");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> writers = sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> writes.matcher(read(path)).find())
                    .map(path -> path.getFileName().toString()).toList();
            assertThat(writers).containsExactly("QuarantineTable.java");
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
