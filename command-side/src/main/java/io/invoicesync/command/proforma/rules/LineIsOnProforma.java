package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.Set;
import java.util.UUID;

public record LineIsOnProforma(UUID lineId, Set<UUID> lineIds) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !lineIds.contains(lineId);
    }

    @Override
    public String field() {
        return "lineId";
    }

    @Override
    public String message() {
        return "Line " + lineId + " is not on this proforma invoice";
    }

    @Override
    public Refusal refusal() {
        return Refusal.NOT_FOUND;
    }
}
