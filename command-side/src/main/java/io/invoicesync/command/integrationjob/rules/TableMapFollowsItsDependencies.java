package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.rules.BusinessRule;
import java.util.List;

/** Finance must receive what a row points at before the row: a map comes after every map it depends on. */
public record TableMapFollowsItsDependencies(TableMap map, List<TableMap> inJob) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !inJob.containsAll(map.dependsOn());
    }

    @Override
    public String field() {
        return "tableMap";
    }

    @Override
    public String message() {
        List<String> missing = map.dependsOn().stream().filter(m -> !inJob.contains(m)).map(TableMap::tableName).toList();
        return "The table map " + map.tableName() + " points at " + String.join(" and ", missing)
                + "; add " + String.join(", then ", missing) + " first";
    }
}
