package dev.herald.auth;

import dev.herald.http.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/**
 * Who is calling this request and which tenant it acts in. A tenant admin, API key or customer is bound to one
 * tenant; a support person serves several and names the one a tenant route acts in with the {@code Herald-Tenant}
 * header (optional when it serves only one). A tenant the caller is not bound to answers 404, like any foreign id.
 */
@RequestScoped
public class Caller {

    public static final String TENANT_HEADER = "Herald-Tenant";

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private CallerScope scope;

    Caller(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public CallerScope scope() {
        if (scope == null) {
            scope = CallerScope.of(identity);
        }
        return scope;
    }

    /** The caller's most powerful role ({@link Roles}), or null when it has none. */
    public String role() {
        return scope().role();
    }

    public boolean is(String role) {
        return scope().is(role);
    }

    /** Every tenant this caller may reach. */
    public Set<String> tenantIds() {
        return scope().tenants();
    }

    /** The tenant this request acts in. */
    public String tenantId() {
        CallerScope scope = scope();
        String named = namedTenant();
        if (named != null) {
            if (!scope.serves(named)) {
                throw ApiException.notFound("Tenant", named);
            }
            return named;
        }
        if (scope.tenants().size() == 1) {
            return scope.tenants().iterator().next();
        }
        if (scope.tenants().isEmpty()) {
            throw ApiException.forbidden("This credential is not bound to a tenant");
        }
        throw ApiException.invalid(TENANT_HEADER, "you serve several tenants: name the one to act in");
    }

    /** The application a customer is confined to (id or uid); null for other roles. */
    public String appId() {
        return scope().app();
    }

    /** Who is calling, as the audit log names them. */
    public String actor() {
        return scope().actor();
    }

    private String namedTenant() {
        RoutingContext context = request.getCurrent();
        String header = context == null ? null : context.request().getHeader(TENANT_HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }
}
