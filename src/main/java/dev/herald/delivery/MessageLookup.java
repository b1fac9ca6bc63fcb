package dev.herald.delivery;

import dev.herald.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Confirms that a message belongs to the caller's application before anything about it is read or changed. */
@ApplicationScoped
public class MessageLookup {

    private final EntityManager em;

    MessageLookup(EntityManager em) {
        this.em = em;
    }

    public void require(String tenantId, String appId, String messageId) {
        boolean exists = !em.createNativeQuery("""
                select 1 from message where tenant_id = :tenant and app_id = :app and id = :id""")
                .setParameter("tenant", tenantId).setParameter("app", appId).setParameter("id", messageId)
                .getResultList().isEmpty();
        if (!exists) {
            throw ApiException.notFound("Message", messageId);
        }
    }
}
