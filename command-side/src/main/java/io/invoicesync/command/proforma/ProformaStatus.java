package io.invoicesync.command.proforma;

/** msdyn_projectinvoicestatus values a proforma passes through here. */
public enum ProformaStatus {
    DRAFT("a draft"),
    CONFIRMED("confirmed");

    private final String wording;

    ProformaStatus(String wording) {
        this.wording = wording;
    }

    public String wording() {
        return wording;
    }
}
