package io.invoicesync.kernel.integrationjob;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The three dual-write table maps of async invoicing, each with the maps whose rows it points at: Finance must have
 * those first, so a map can only be added after them. Their declaration order is the order Finance needs them in,
 * and the one place that order lives: a job, an invoice's saga and real-time sync all take it from here.
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

    /** Every map, in the order Finance needs them: each after the maps it points at. */
    public static List<TableMap> inSyncOrder() {
        return List.of(values());
    }

    /** The named maps (a job's), in the order Finance needs them; an unknown name is a defect. */
    public static List<TableMap> inSyncOrder(Collection<String> tableNames) {
        List<TableMap> maps = inSyncOrder().stream().filter(map -> tableNames.contains(map.tableName)).toList();
        if (maps.size() != tableNames.size()) {
            throw new IllegalArgumentException("Unknown or repeated table maps among " + tableNames);
        }
        return maps;
    }

    public static List<String> tableNames() {
        return Arrays.stream(values()).map(TableMap::tableName).toList();
    }
}
