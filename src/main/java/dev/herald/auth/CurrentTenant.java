package dev.herald.auth;

import dev.herald.http.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The tenant the caller's credential is bound to; every tenant-scoped query starts from it. */
@RequestScoped
public class CurrentTenant {

    private final SecurityIdentity identity;

    CurrentTenant(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String id() {
        String tenantId = identity.getAttribute(Roles.TENANT_ATTRIBUTE);
        if (tenantId == null) {
            throw ApiException.forbidden("This credential is not bound to a tenant");
        }
        return tenantId;
    }

    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
