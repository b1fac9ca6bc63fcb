package dev.herald.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Where one message stands at each of its endpoints, for support's message view. */
@ApplicationScoped
public class MessageDeliveries {

    /** A message fans out to an application's endpoints; more than this many is not a support view any more. */
    private static final int MAX_SHOWN = 250;

    private static final String SELECT = """
            select d.endpoint_id, e.url, e.disabled, d.state, d.attempts, d.next_attempt_at, d.last_attempt_at,
                   d.last_status_code, d.last_error
            from delivery d join endpoint e on e.id = d.endpoint_id
            where d.tenant_id = :tenant and d.app_id = :app and d.message_id = :msg
            order by d.endpoint_id
            limit :limit""";

    private final EntityManager em;

    MessageDeliveries(EntityManager em) {
        this.em = em;
    }

    public record DeliveryOut(String endpointId, String url, boolean endpointDisabled, String state, int attempts,
            Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, String lastError) {
    }

    public List<DeliveryOut> of(String tenantId, String appId, String messageId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(SELECT, Tuple.class)
                .setParameter("tenant", tenantId).setParameter("app", appId).setParameter("msg", messageId)
                .setParameter("limit", MAX_SHOWN)
                .getResultList();
        return rows.stream().map(t -> {
            String state = t.get("state", String.class);
            return new DeliveryOut(t.get("endpoint_id", String.class), t.get("url", String.class),
                    Boolean.TRUE.equals(t.get("disabled")), state, ((Number) t.get("attempts")).intValue(),
                    state.equals("pending") ? instant(t.get("next_attempt_at")) : null,
                    instant(t.get("last_attempt_at")),
                    t.get("last_status_code") == null ? null : ((Number) t.get("last_status_code")).intValue(),
                    t.get("last_error", String.class));
        }).toList();
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
        };
    }
}
