package dev.herald.support;

import dev.herald.delivery.DeliveryState;
import dev.herald.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds messages across the tenants a support person serves, newest first. Every filter is optional; the
 * delivery filters (endpoint, status) match messages with at least one delivery that passes both.
 */
@ApplicationScoped
public class MessageSearch {

    private static final String SELECT = """
            select m.id, m.tenant_id, m.app_id, a.uid as app_uid, m.event_type, m.event_id, m.created_at
            from message m join application a on a.id = m.app_id
            where m.tenant_id in (:tenants)
              and (cast(:msgId as text) is null or m.id = cast(:msgId as text))
              and (cast(:eventId as text) is null or m.event_id = cast(:eventId as text))
              and (cast(:app as text) is null or a.uid = cast(:app as text) or a.id = cast(:app as text))
              and (cast(:endpointId as text) is null and cast(:status as text) is null or exists (
                    select 1 from delivery d where d.message_id = m.id
                      and (cast(:endpointId as text) is null or d.endpoint_id = cast(:endpointId as text))
                      and (cast(:status as text) is null or d.state = cast(:status as text))))
              and (cast(:since as timestamptz) is null or m.created_at >= cast(:since as timestamptz))
              and (cast(:until as timestamptz) is null or m.created_at < cast(:until as timestamptz))
              and (cast(:before as text) is null or m.id < cast(:before as text))
            order by m.id desc
            limit :limit""";

    private final EntityManager em;

    MessageSearch(EntityManager em) {
        this.em = em;
    }

    /** What support may search by; {@code app} matches an application's uid or id. */
    public record Criteria(String msgId, String eventId, String app, String endpointId, String status,
            Instant since, Instant until) {

        public Criteria {
            if (status != null) {
                status = status.toLowerCase(Locale.ROOT);
                try {
                    DeliveryState.fromDb(status);
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("status",
                            "must be one of pending, sending, succeeded, exhausted, cancelled");
                }
            }
        }
    }

    public record Found(String id, String tenantId, String appId, String appUid, String eventType, String eventId,
            Instant createdAt) {
    }

    public List<Found> search(Set<String> tenants, Criteria criteria, String before, int limit) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(SELECT, Tuple.class)
                .setParameter("tenants", tenants)
                .setParameter("msgId", criteria.msgId())
                .setParameter("eventId", criteria.eventId())
                .setParameter("app", criteria.app())
                .setParameter("endpointId", criteria.endpointId())
                .setParameter("status", criteria.status())
                .setParameter("since", timestamp(criteria.since()))
                .setParameter("until", timestamp(criteria.until()))
                .setParameter("before", before)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(MessageSearch::found).toList();
    }

    /** The one message of that id in any of the tenants, or 404. */
    public Found require(Set<String> tenants, String messageId) {
        List<Found> found = search(tenants, new Criteria(messageId, null, null, null, null, null, null), null, 1);
        if (found.isEmpty()) {
            throw ApiException.notFound("Message", messageId);
        }
        return found.getFirst();
    }

    private static Found found(Tuple t) {
        return new Found(t.get("id", String.class), t.get("tenant_id", String.class), t.get("app_id", String.class),
                t.get("app_uid", String.class), t.get("event_type", String.class), t.get("event_id", String.class),
                MessageDeliveries.instant(t.get("created_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
