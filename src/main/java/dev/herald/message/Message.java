package dev.herald.message;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One event sent to an application. Written by {@link MessageIngest} with plain SQL; read here. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public String id;
    public String tenantId;
    public String appId;
    public String eventType;
    public String eventId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> channels;
    /** The exact bytes every delivery sends. */
    public String payload;
    public Instant createdAt;

    public static Message findInApp(String tenantId, String appId, String id) {
        return find("tenantId = ?1 and appId = ?2 and id = ?3", tenantId, appId, id).firstResult();
    }

    /** One page, newest first, of an application's messages that pass the filter. */
    public static List<Message> page(String tenantId, String appId, MessageFilter filter, String iterator, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant and appId = :app");
        Parameters params = Parameters.with("tenant", tenantId).and("app", appId);
        if (iterator != null) {
            query.append(" and id < :iterator");
            params.and("iterator", iterator);
        }
        if (filter.eventType() != null) {
            query.append(" and eventType = :eventType");
            params.and("eventType", filter.eventType());
        }
        if (filter.channel() != null) {
            query.append(" and array_position(channels, :channel) is not null");
            params.and("channel", filter.channel());
        }
        if (filter.before() != null) {
            query.append(" and createdAt < :before");
            params.and("before", filter.before());
        }
        if (filter.after() != null) {
            query.append(" and createdAt > :after");
            params.and("after", filter.after());
        }
        return find(query.append(" order by id desc").toString(), params).page(0, limit).list();
    }

    public record MessageFilter(String eventType, String channel, Instant before, Instant after) {
    }
}
