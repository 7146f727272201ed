package io.invoicesync.kernel.integrationjob;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The three dual-write table maps of async invoicing, each with the maps whose rows it points at: Finance must have
 * those first, so a map can only be added after them.
 */
public enum TableMap {
    INVOICES("invoices", "Project invoice proposal V2"),
    ACTUALS("msdyn_actuals", "Project Operations integration actuals", INVOICES),
    TRANSACTION_CONNECTIONS("msdyn_transactionconnections",
            "Integration entity for project transaction relationships", INVOICES, ACTUALS);

    private final String tableName;
    private final String financeEntity;
    private final List<TableMap> dependsOn;

    TableMap(String tableName, String financeEntity, TableMap... dependsOn) {
        this.tableName = tableName;
        this.financeEntity = financeEntity;
        this.dependsOn = List.of(dependsOn);
    }

    public String tableName() {
        return tableName;
    }

    public String financeEntity() {
        return financeEntity;
    }

    public List<TableMap> dependsOn() {
        return dependsOn;
    }

    public static Optional<TableMap> byTableName(String tableName) {
        return Arrays.stream(values()).filter(map -> map.tableName.equals(tableName)).findFirst();
    }

    public static List<String> tableNames() {
        return Arrays.stream(values()).map(TableMap::tableName).toList();
    }
}
