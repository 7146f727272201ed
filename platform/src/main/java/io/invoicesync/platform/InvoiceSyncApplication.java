package io.invoicesync.platform;

import org.springframework.boot.SpringApplication;

/** Starts either app the same way. */
public final class InvoiceSyncApplication {

    private InvoiceSyncApplication() {
    }

    public static void run(Class<?> application, String[] args) {
        // Axon's update checker reads a system property, not Spring's environment; this machine has no internet.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(application, args);
    }
}
