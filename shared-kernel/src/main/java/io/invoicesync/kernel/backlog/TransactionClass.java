package io.invoicesync.kernel.backlog;

/** msdyn_transactionclassification, with the option values Dataverse uses. */
public enum TransactionClass {
    TIME(192350000),
    EXPENSE(192350001),
    MATERIAL(192350002),
    MILESTONE(192350003),
    FEE(192350004);

    /** The names above as a pattern, for request validation (and so for the OpenAPI document). */
    public static final String PATTERN = "TIME|EXPENSE|MATERIAL|MILESTONE|FEE";

    /** The names above as a user reads them. */
    public static final String CHOICES = "TIME, EXPENSE, MATERIAL, MILESTONE, FEE";

    private final int optionValue;

    TransactionClass(int optionValue) {
        this.optionValue = optionValue;
    }

    public int optionValue() {
        return optionValue;
    }
}
