package io.invoicesync.platform.security;

/** G8: who may do what. Project managers change proformas, integration admins change jobs, finance readers read. */
public final class Roles {

    public static final String PROJECT_MANAGER = "PROJECT_MANAGER";
    public static final String INTEGRATION_ADMIN = "INTEGRATION_ADMIN";
    public static final String FINANCE_READER = "FINANCE_READER";
    /** The command side calling the query side for real-time sync. */
    public static final String SYNC_SERVICE = "SYNC_SERVICE";

    private Roles() {
    }
}
