package io.invoicesync.query.processing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The query side's tracking processors, one entry per processing group ({@code invoicesync.processors.<group>.*},
 * or {@code INVOICESYNC_PROCESSORS_<GROUP>_<SETTING>} in the environment). The groups are named fields, not a map:
 * a map key read from an environment variable loses its dashes ({@code INVOICE_SYNC} would bind to
 * {@code invoice.sync}), a named field does not. The shipped values are in {@code query-side.yml}.
 *
 * @param syncCoordinator the job's decisions; one segment, so that they keep one total order
 * @param invoiceSync     the sagas, one per invoice
 * @param finance         the Finance read model and the sync progress
 * @param autoStart       start the processors with the app (default true); the reconcile tool reads and
 *                        checks only, so it starts none
 */
@ConfigurationProperties("invoicesync.processors")
public record ProcessorsProperties(Processor syncCoordinator, Processor invoiceSync, Processor finance,
                                   Boolean autoStart) {

    public ProcessorsProperties {
        syncCoordinator = syncCoordinator == null ? Processor.DEFAULT : syncCoordinator;
        invoiceSync = invoiceSync == null ? Processor.DEFAULT : invoiceSync;
        finance = finance == null ? Processor.DEFAULT : finance;
        autoStart = autoStart == null || autoStart;
    }

    public Processor of(String group) {
        return switch (group) {
            case ProcessingGroups.SYNC_COORDINATOR -> syncCoordinator;
            case ProcessingGroups.INVOICE_SYNC -> invoiceSync;
            case ProcessingGroups.FINANCE -> finance;
            default -> throw new IllegalArgumentException("No processing group " + group);
        };
    }

    /**
     * One group's processor.
     *
     * @param threadCount         threads on this node (default 1); as many as segments lets one node run them all
     * @param initialSegmentCount segments made when the group first starts (default: the thread count); later changes
     *                            need Axon's split or merge, not this setting
     * @param batchSize           events handled in one transaction with the token (default 100)
     * @param tokenClaimInterval  how often a node looks for unclaimed segments, in ms (default 1000; Axon's is 5000):
     *                            with the claim timeout, it bounds how long a dead node's segments stand still
     * @param attempts            tries of an invoice's failing event before the invoice is set aside
     *                            (InvoiceQuarantine, default 3), so one invoice never holds up the others
     */
    public record Processor(Integer threadCount, Integer initialSegmentCount, Integer batchSize,
                            Long tokenClaimInterval, Integer attempts) {

        static final Processor DEFAULT = new Processor(null, null, null, null, null);

        public Processor {
            threadCount = threadCount == null ? 1 : threadCount;
            initialSegmentCount = initialSegmentCount == null ? threadCount : initialSegmentCount;
            batchSize = batchSize == null ? 100 : batchSize;
            tokenClaimInterval = tokenClaimInterval == null ? 1_000L : tokenClaimInterval;
            attempts = attempts == null ? 3 : attempts;
        }
    }
}
