package io.invoicesync.kernel.proforma;

import java.util.UUID;

/** msdyn_transactionconnection: a link between two transaction records, each with its role and its table. */
public record TransactionConnection(UUID connectionId,
                                    String transaction1Id,
                                    String transaction1Role,
                                    String transaction1Type,
                                    String transaction2Id,
                                    String transaction2Role,
                                    String transaction2Type) {

    public static final String ROLE_UNBILLED_SALES = "Unbilled Sales";
    public static final String ROLE_BILLED_SALES = "Billed Sales";
    public static final String TYPE_ACTUAL = "msdyn_actual";
    public static final String TYPE_INVOICE_LINE_TRANSACTION = "msdyn_invoicelinetransaction";
}
