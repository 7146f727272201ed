package io.invoicesync.query;

import io.invoicesync.platform.InvoiceSyncApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Finance side: the integration-job saga, the three table-map projections and the query API. */
@SpringBootApplication(scanBasePackages = {"io.invoicesync.query", "io.invoicesync.platform"})
@ConfigurationPropertiesScan("io.invoicesync.query")
public class QuerySideApplication {

    public static final String CONFIG_NAME = "query-side";

    /** The app alone; the jar starts {@code tools.QuerySideMain}, which runs a tool when asked for one. */
    public static void main(String[] args) {
        InvoiceSyncApplication.run(QuerySideApplication.class, CONFIG_NAME, args);
    }
}
