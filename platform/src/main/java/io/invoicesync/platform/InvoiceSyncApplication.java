package io.invoicesync.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;

/** Starts either app the same way. */
public final class InvoiceSyncApplication {

    private InvoiceSyncApplication() {
    }

    /**
     * Both apps share a classpath in the end-to-end tests, so each reads its own {@code <configName>.yml}, never a
     * shared application.yml.
     */
    public static void run(Class<?> application, String configName, String[] args) {
        disableAxonUpdateChecker();
        new SpringApplicationBuilder(application).properties("spring.config.name=" + configName).run(args);
    }

    /** Axon's update checker reads a system property, not Spring's environment, and calls home: off unless asked. */
    public static void disableAxonUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
