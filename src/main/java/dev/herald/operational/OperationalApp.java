package dev.herald.operational;

import dev.herald.application.Application;
import dev.herald.id.PrefixedId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Each tenant's hidden application whose endpoints are its operational webhook endpoints. Operational events are
 * ordinary messages of that application, so they are signed, retried and recorded like any other webhook.
 */
@ApplicationScoped
public class OperationalApp {

    /** Its uid: outside the pattern tenants' uids must match, so no application of theirs can take it. */
    public static final String UID = Application.OPERATIONAL_UID;

    private final EntityManager em;

    OperationalApp(EntityManager em) {
        this.em = em;
    }

    public Optional<String> idOf(String tenantId) {
        List<?> ids = em.createNativeQuery("select id from application where tenant_id = :tenant and uid = :uid")
                .setParameter("tenant", tenantId).setParameter("uid", UID).getResultList();
        return ids.stream().map(String.class::cast).findFirst();
    }

    /** The tenant's operational application, created on first use (concurrent first uses agree on one). */
    public String ensure(String tenantId, Instant now) {
        em.createNativeQuery("""
                insert into application (id, tenant_id, uid, name, metadata, created_at, updated_at)
                values (:id, :tenant, :uid, 'Herald operational webhooks', '{}', :now, :now)
                on conflict (tenant_id, uid) do nothing""")
                .setParameter("id", PrefixedId.next("app")).setParameter("tenant", tenantId)
                .setParameter("uid", UID).setParameter("now", Timestamp.from(now))
                .executeUpdate();
        return idOf(tenantId).orElseThrow();
    }

    public boolean isOperational(String appId) {
        return !em.createNativeQuery("select 1 from application where id = :id and uid = :uid")
                .setParameter("id", appId).setParameter("uid", UID).getResultList().isEmpty();
    }
}
