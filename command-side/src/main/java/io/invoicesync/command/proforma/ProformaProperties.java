package io.invoicesync.command.proforma;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How proformas are stored ({@code invoicesync.proforma.*}).
 *
 * @param snapshotAfterEvents a snapshot every N events (default 50): a cold start of a 100,000-line proforma then
 *                            reads one snapshot and a few events, not its whole stream
 */
@ConfigurationProperties("invoicesync.proforma")
public record ProformaProperties(Integer snapshotAfterEvents) {

    public ProformaProperties {
        snapshotAfterEvents = snapshotAfterEvents == null ? 50 : snapshotAfterEvents;
    }
}
