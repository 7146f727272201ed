package io.invoicesync.query.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs the tests drive that come from Debian's packages (Chromium, promtool), never downloaded otherwise:
 * {@code .ci/run} installs them; on a machine without them, run as root, a test installs them once too.
 */
public final class DebianPackages {

    private DebianPackages() {
    }

    /** Makes sure every program is there, installing the packages if one is not. */
    public static synchronized void ensure(List<Path> programs, String... packages) {
        if (programs.stream().allMatch(Files::isExecutable)) {
            return;
        }
        run(List.of("apt-get", "update", "-q"));
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        install.addAll(List.of(packages));
        run(install);
        if (!programs.stream().allMatch(Files::isExecutable)) {
            throw new IllegalStateException("This test needs Debian's " + String.join(" ", packages)
                    + " (apt-get install " + String.join(" ", packages) + ", as root); .ci/run installs them");
        }
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + "; run it as root");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + String.join(" ", command), e);
        }
    }
}
