package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.rules.BusinessRule;
import java.util.List;

public record TableMapIsNotInJobYet(TableMap map, List<TableMap> inJob) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return inJob.contains(map);
    }

    @Override
    public String field() {
        return "tableMap";
    }

    @Override
    public String message() {
        return "The table map " + map.tableName() + " is already in this job; each map is added once";
    }
}
