package io.invoicesync.command.proforma;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** What a proforma asks before it takes line ids: which invoice, if any, holds each of them already (G11). */
public interface LineIdLookup {

    /** The holding invoice of each of these line ids that one holds; ids no invoice holds are absent. */
    Map<UUID, UUID> holdersOf(Collection<UUID> lineIds);
}
