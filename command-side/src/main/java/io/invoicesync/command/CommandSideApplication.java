package io.invoicesync.command;

import io.invoicesync.platform.InvoiceSyncApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The project side: backlog, proformas, parameters and integration jobs, as aggregates behind a command API. */
@SpringBootApplication(scanBasePackages = {"io.invoicesync.command", "io.invoicesync.platform"})
@ConfigurationPropertiesScan("io.invoicesync.command")
public class CommandSideApplication {

    public static final String CONFIG_NAME = "command-side";

    public static void main(String[] args) {
        InvoiceSyncApplication.run(CommandSideApplication.class, CONFIG_NAME, args);
    }
}
