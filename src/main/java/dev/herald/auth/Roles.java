package dev.herald.auth;

import java.util.List;

/**
 * Realm roles, most powerful first. API keys act as {@link #TENANT_ADMIN} of their tenant; the admin token is
 * {@link #PLATFORM_ADMIN}; portal tokens are {@link #CUSTOMER} of one application.
 */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String SUPPORT = "support";
    public static final String CUSTOMER = "customer";

    /** When a credential carries several roles, the first of these it has decides what it is. */
    static final List<String> BY_PRECEDENCE = List.of(PLATFORM_ADMIN, TENANT_ADMIN, SUPPORT, CUSTOMER);

    /** The identity attribute (and token claim) that scopes a credential to one tenant. */
    public static final String TENANT_ATTRIBUTE = "tenant_id";
    /** The identity attribute (and token claim) listing the tenants a support person serves. */
    public static final String TENANTS_ATTRIBUTE = "tenant_ids";
    /** The identity attribute (and token claim) naming a customer's application, by id or uid. */
    public static final String APP_ATTRIBUTE = "app_id";

    private Roles() {
    }
}
