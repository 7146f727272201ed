package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import java.util.Set;
import java.util.UUID;

/** {@code taken} holds the invoice's line ids and those earlier in the same request. */
public record LineIdIsNew(int index, UUID lineId, Set<UUID> taken) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return taken.contains(lineId);
    }

    @Override
    public String field() {
        return "lines[" + index + "].lineId";
    }

    @Override
    public String message() {
        return "Line " + lineId + " is already on this proforma invoice";
    }
}
