package io.invoicesync.query.finance;

import io.invoicesync.kernel.integrationjob.TableMap;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One Finance table as its writer fills it: the table map it belongs to, its key and every content column, in the
 * order the writer binds them. Every table has {@code invoice_proposal_id} (the key itself for the proposal header).
 */
public record FinanceTable(TableMap map, String name, String key, List<String> content) {

    public FinanceTable {
        content = List.copyOf(content);
    }

    public FinanceRow row(UUID key, Object... values) {
        return new FinanceRow(this, key, Arrays.asList(values));
    }

    /** Every row of one invoice, key first, then the content columns by name. */
    public String selectOfInvoice() {
        return "SELECT " + key + ", " + String.join(", ", content) + " FROM " + name + " WHERE invoice_proposal_id = ?";
    }
}
