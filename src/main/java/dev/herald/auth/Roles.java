package dev.herald.auth;

/** Realm roles. API keys act as {@link #TENANT_ADMIN} of their tenant; the admin token is {@link #PLATFORM_ADMIN}. */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String SUPPORT = "support";
    public static final String CUSTOMER = "customer";

    /** The identity attribute that scopes a tenant-bound credential. */
    public static final String TENANT_ATTRIBUTE = "tenant_id";

    private Roles() {
    }
}
