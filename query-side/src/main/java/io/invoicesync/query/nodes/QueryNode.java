package io.invoicesync.query.nodes;

import java.lang.management.ManagementFactory;

/** This query-side node, as the others see it. */
public final class QueryNode {

    /** The owner name Axon's JDBC token store writes on this JVM's claims (its default node id: pid@host). */
    public static final String ID = ManagementFactory.getRuntimeMXBean().getName();

    private QueryNode() {
    }
}
