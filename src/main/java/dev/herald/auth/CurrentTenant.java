package dev.herald.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant the caller's credential is bound to; every tenant-scoped query starts from it. A thin view of
 * {@link Caller} kept for the resources written against it.
 */
@RequestScoped
public class CurrentTenant {

    private final Caller caller;

    CurrentTenant(Caller caller) {
        this.caller = caller;
    }

    public String id() {
        return caller.tenantId();
    }

    public String actor() {
        return caller.actor();
    }

    /** The caller's role as the audit log records it. */
    public String role() {
        return caller.role();
    }
}
