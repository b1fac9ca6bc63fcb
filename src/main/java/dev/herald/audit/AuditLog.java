package dev.herald.audit;

import dev.herald.auth.Caller;
import dev.herald.id.PrefixedId;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the audit trail. {@link #record} takes the actor, role and tenant from the {@link Caller} and the
 * request id from {@code X-Request-Id} (or makes one up, shared by every entry of that request); it joins the
 * caller's transaction so that an entry exists exactly when the change it describes does.
 */
@ApplicationScoped
public class AuditLog {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID_KEY = "herald.request-id";
    private static final int MAX_REQUEST_ID = 200;

    private final Caller caller;
    private final CurrentVertxRequest request;
    private final InstantSource clock;

    AuditLog(Caller caller, CurrentVertxRequest request, InstantSource clock) {
        this.caller = caller;
        this.request = request;
        this.clock = clock;
    }

    /** An action a caller of the API took in the tenant the request acts in; must run inside an HTTP request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry record(String action, String targetType, String targetId, Map<String, Object> detail) {
        return record(caller.tenantIds().isEmpty() ? null : caller.tenantId(), action, targetType, targetId, detail);
    }

    /**
     * An action a caller took in a tenant the caller names itself: support acting on a message found across its
     * tenants, the platform admin on a tenant's API keys.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry record(String tenantId, String action, String targetType, String targetId,
            Map<String, Object> detail) {
        return write(tenantId, caller.actor(), caller.role(), action, targetType, targetId, detail, requestId());
    }

    /** An action Herald took on its own (an endpoint disabled by the delivery engine, a retention purge). */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry recordSystem(String tenantId, String action, String targetType, String targetId,
            Map<String, Object> detail) {
        return write(tenantId, "herald", "system", action, targetType, targetId, detail, null);
    }

    private AuditEntry write(String tenantId, String actor, String role, String action, String targetType,
            String targetId, Map<String, Object> detail, String requestId) {
        AuditEntry entry = new AuditEntry();
        entry.id = PrefixedId.next("aud");
        entry.tenantId = tenantId;
        entry.actor = actor;
        entry.actorRole = role;
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = targetId;
        entry.detail = detail == null ? Map.of() : detail;
        entry.requestId = requestId;
        entry.createdAt = clock.instant();
        entry.persist();
        return entry;
    }

    private String requestId() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext context = request.getCurrent();
        if (context == null) {
            return null;
        }
        String id = context.get(REQUEST_ID_KEY);
        if (id == null) {
            String header = context.request().getHeader(REQUEST_ID_HEADER);
            id = header == null || header.isBlank() ? UUID.randomUUID().toString()
                    : header.strip().substring(0, Math.min(MAX_REQUEST_ID, header.strip().length()));
            context.put(REQUEST_ID_KEY, id);
        }
        return id;
    }
}
