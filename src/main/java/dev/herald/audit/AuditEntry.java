package dev.herald.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One line of the audit trail: who did what to which thing, when, and in which request. Never changed. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public String id;
    public String tenantId;
    public String actor;
    public String actorRole;
    public String action;
    public String targetType;
    public String targetId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;
    public String requestId;
    public Instant createdAt;

    /** The tenants' entries newest first, optionally filtered, strictly older than the cursor when one is given. */
    public static List<AuditEntry> page(Collection<String> tenantIds, String action, String targetId, String before,
            int limit) {
        StringBuilder query = new StringBuilder("tenantId in :tenants");
        Parameters params = Parameters.with("tenants", tenantIds);
        if (action != null) {
            query.append(" and action = :action");
            params.and("action", action);
        }
        if (targetId != null) {
            query.append(" and targetId = :target");
            params.and("target", targetId);
        }
        if (before != null) {
            query.append(" and id < :before");
            params.and("before", before);
        }
        return find(query + " order by id desc", params).page(0, limit).list();
    }
}
