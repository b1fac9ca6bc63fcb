package dev.herald.audit;

import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.http.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;

/** The tenant's audit trail, newest first. */
@Path("/api/v1/audit")
@RolesAllowed(Roles.TENANT_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final CurrentTenant tenant;

    AuditResource(CurrentTenant tenant) {
        this.tenant = tenant;
    }

    @GET
    public Page<AuditEntryOut> list(@QueryParam("action") String action, @QueryParam("targetId") String targetId,
            @QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        int size = Page.limit(limit);
        return Page.of(AuditEntry.page(tenant.id(), action, targetId, iterator, size + 1), size, e -> e.id,
                AuditEntryOut::from);
    }

    public record AuditEntryOut(String id, String actor, String actorRole, String action, String targetType,
            String targetId, Map<String, Object> detail, String requestId, Instant createdAt) {
        static AuditEntryOut from(AuditEntry entry) {
            return new AuditEntryOut(entry.id, entry.actor, entry.actorRole, entry.action, entry.targetType,
                    entry.targetId, entry.detail, entry.requestId, entry.createdAt);
        }
    }
}
