package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.rules.BusinessRule;

public record TableMapIsKnown(String tableName) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return TableMap.byTableName(tableName).isEmpty();
    }

    @Override
    public String field() {
        return "tableMap";
    }

    @Override
    public String message() {
        return "'" + tableName + "' is not a table map of async invoicing; use one of "
                + String.join(", ", TableMap.tableNames());
    }
}
