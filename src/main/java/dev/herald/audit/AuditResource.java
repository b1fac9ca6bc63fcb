package dev.herald.audit;

import dev.herald.auth.Caller;
import dev.herald.auth.Roles;
import dev.herald.http.ApiException;
import dev.herald.http.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The audit trail, newest first: a tenant admin sees its tenant's, support the tenants it serves. */
@Path("/api/v1/audit")
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT })
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final Caller caller;

    AuditResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    public Page<AuditEntryOut> list(@QueryParam("action") String action, @QueryParam("targetId") String targetId,
            @QueryParam("tenantId") String tenantId, @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        int size = Page.limit(limit);
        return Page.of(AuditEntry.page(tenants(tenantId), action, targetId, iterator, size + 1), size, e -> e.id,
                AuditEntryOut::from);
    }

    /** Support reads all its tenants, or the one it names; anyone else reads the tenant it acts in. */
    private Set<String> tenants(String named) {
        if (!caller.is(Roles.SUPPORT)) {
            String own = caller.tenantId();
            if (named != null && !named.equals(own)) {
                throw ApiException.notFound("Tenant", named);
            }
            return Set.of(own);
        }
        if (caller.tenantIds().isEmpty()) {
            throw ApiException.forbidden("This support credential serves no tenant (token claim tenant_ids)");
        }
        if (named == null) {
            return caller.tenantIds();
        }
        if (!caller.tenantIds().contains(named)) {
            throw ApiException.notFound("Tenant", named);
        }
        return Set.of(named);
    }

    public record AuditEntryOut(String id, String tenantId, String actor, String actorRole, String action,
            String targetType, String targetId, Map<String, Object> detail, String requestId, Instant createdAt) {
        static AuditEntryOut from(AuditEntry entry) {
            return new AuditEntryOut(entry.id, entry.tenantId, entry.actor, entry.actorRole, entry.action,
                    entry.targetType, entry.targetId, entry.detail, entry.requestId, entry.createdAt);
        }
    }
}
