package io.invoicesync.kernel.parameters;

/** How Project Operations pushes task time and actual values: async invoicing needs ON_DEMAND_UPDATE for both. */
public enum TrackingMode {
    REAL_TIME,
    ON_DEMAND_UPDATE;

    /** The names above as a pattern, for request validation (and so for the OpenAPI document). */
    public static final String PATTERN = "REAL_TIME|ON_DEMAND_UPDATE";

    /** The names above as a user reads them. */
    public static final String CHOICES = "REAL_TIME, ON_DEMAND_UPDATE";
}
