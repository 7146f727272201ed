package io.invoicesync.query;

import io.invoicesync.platform.InvoiceSyncApplication;
import io.invoicesync.query.reconciliation.ReconcileCommandLine;
import io.invoicesync.query.replay.ReplayCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Finance side: the integration-job saga, the three table-map projections and the query API. */
@SpringBootApplication(scanBasePackages = {"io.invoicesync.query", "io.invoicesync.platform"})
@ConfigurationPropertiesScan("io.invoicesync.query")
public class QuerySideApplication {

    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        if (ReplayCommandLine.isReplay(args)) {
            ReplayCommandLine.main(args);
            return;
        }
        if (ReconcileCommandLine.isReconcile(args)) {
            ReconcileCommandLine.main(args);
            return;
        }
        InvoiceSyncApplication.run(QuerySideApplication.class, CONFIG_NAME, args);
    }
}
