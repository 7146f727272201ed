package io.invoicesync.command.proforma;

/** msdyn_projectinvoicestatus values a proforma passes through here. */
public enum ProformaStatus {
    DRAFT("a draft"),
    /** Its lines are being billed, chunk by chunk; confirming again resumes a confirmation cut short. */
    CONFIRMING("being confirmed"),
    CONFIRMED("confirmed");

    private final String wording;

    ProformaStatus(String wording) {
        this.wording = wording;
    }

    public String wording() {
        return wording;
    }
}
