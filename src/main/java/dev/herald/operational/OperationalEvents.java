package dev.herald.operational;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.delivery.WakeAfterCommit;
import dev.herald.id.PrefixedId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Emits an operational event to a tenant: a message {@code {type, timestamp, data}} in its operational application
 * and a pending delivery to each of its enabled operational endpoints that wants the type, in one transaction.
 * A tenant without operational endpoints gets nothing stored.
 */
@ApplicationScoped
public class OperationalEvents {

    public static final String ENDPOINT_DISABLED = "endpoint.disabled";
    public static final String ATTEMPT_EXHAUSTED = "message.attempt.exhausted";
    public static final String ATTEMPT_RECOVERED = "message.attempt.recovered";
    public static final Set<String> TYPES = Set.of(ENDPOINT_DISABLED, ATTEMPT_EXHAUSTED, ATTEMPT_RECOVERED);

    private static final String INSERT_MESSAGE = """
            insert into message (id, tenant_id, app_id, event_type, payload, created_at)
            values (:id, :tenant, :app, :type, :payload, :now)""";
    private static final String FAN_OUT = """
            insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, created_at,
                                  updated_at)
            select e.tenant_id, e.app_id, :msg, e.id, 'pending', :now, :now, :now
            from endpoint e
            where e.tenant_id = :tenant and e.app_id = :app and not e.disabled
              and (e.filter_types is null or :type = any (e.filter_types))""";
    private static final String HAS_LISTENER = """
            select 1 from endpoint e
            where e.tenant_id = :tenant and e.app_id = :app and not e.disabled
              and (e.filter_types is null or :type = any (e.filter_types))
            limit 1""";

    private final EntityManager em;
    private final OperationalApp app;
    private final ObjectMapper json;
    private final WakeAfterCommit wake;

    OperationalEvents(EntityManager em, OperationalApp app, ObjectMapper json, WakeAfterCommit wake) {
        this.em = em;
        this.app = app;
        this.json = json;
        this.wake = wake;
    }

    /** Returns the id of the message emitted, or empty when no operational endpoint of the tenant wants it. */
    @Transactional
    public Optional<String> emit(String tenantId, String type, Map<String, Object> data, Instant now) {
        Optional<String> appId = app.idOf(tenantId);
        if (appId.isEmpty() || em.createNativeQuery(HAS_LISTENER).setParameter("tenant", tenantId)
                .setParameter("app", appId.get()).setParameter("type", type).getResultList().isEmpty()) {
            return Optional.empty();
        }
        String messageId = PrefixedId.next("msg");
        Timestamp at = Timestamp.from(now);
        em.createNativeQuery(INSERT_MESSAGE).setParameter("id", messageId).setParameter("tenant", tenantId)
                .setParameter("app", appId.get()).setParameter("type", type)
                .setParameter("payload", payload(type, data, now)).setParameter("now", at)
                .executeUpdate();
        em.createNativeQuery(FAN_OUT).setParameter("msg", messageId).setParameter("now", at)
                .setParameter("tenant", tenantId).setParameter("app", appId.get()).setParameter("type", type)
                .executeUpdate();
        wake.afterCommit();
        return Optional.of(messageId);
    }

    private String payload(String type, Map<String, Object> data, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", now.toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write an operational event", e);
        }
    }
}
