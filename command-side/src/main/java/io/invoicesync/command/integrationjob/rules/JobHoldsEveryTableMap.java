package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.rules.BusinessRule;
import java.util.Arrays;
import java.util.List;

public record JobHoldsEveryTableMap(List<TableMap> inJob) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !inJob.containsAll(Arrays.asList(TableMap.values()));
    }

    @Override
    public String field() {
        return "tableMaps";
    }

    @Override
    public String message() {
        List<String> missing = Arrays.stream(TableMap.values()).filter(m -> !inJob.contains(m))
                .map(TableMap::tableName).toList();
        return "An async invoicing job needs all three table maps; still missing: " + String.join(", ", missing);
    }
}
