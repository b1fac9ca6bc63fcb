package dev.herald.portal;

import dev.herald.message.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The portal's message log: an application's messages, newest first, filtered by event type, by the state of their
 * deliveries (at least one delivery in that state) and by time.
 */
@ApplicationScoped
public class MessageLog {

    private static final String SELECT = """
            select m.* from message m
            where m.tenant_id = :tenant and m.app_id = :app
              and (cast(:type as text) is null or m.event_type = cast(:type as text))
              and (cast(:status as text) is null or exists (
                    select 1 from delivery d where d.message_id = m.id and d.state = cast(:status as text)))
              and (cast(:since as timestamptz) is null or m.created_at >= cast(:since as timestamptz))
              and (cast(:before as text) is null or m.id < cast(:before as text))
            order by m.id desc
            limit :limit""";

    private final EntityManager em;

    MessageLog(EntityManager em) {
        this.em = em;
    }

    public record Filter(String eventType, String status, Instant since) {
    }

    @SuppressWarnings("unchecked")
    public List<Message> page(String tenantId, String appId, Filter filter, String before, int limit) {
        return em.createNativeQuery(SELECT, Message.class)
                .setParameter("tenant", tenantId).setParameter("app", appId)
                .setParameter("type", filter.eventType()).setParameter("status", filter.status())
                .setParameter("since", filter.since() == null ? null : Timestamp.from(filter.since()))
                .setParameter("before", before).setParameter("limit", limit)
                .getResultList();
    }
}
