package dev.herald.delivery;

import dev.herald.audit.AuditLog;
import dev.herald.endpoint.Endpoint;
import dev.herald.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manual redelivery: a resend of one message to one endpoint, or a recover of an endpoint's failed deliveries in a
 * time window. Both only re-queue (pending, due now, trigger manual); the delivery engine makes the attempt, so
 * signing, leases and attempt records are the same as for any other try. Both are audited.
 */
@ApplicationScoped
public class Redelivery {

    public static final Duration MAX_RECOVER_WINDOW = Duration.ofDays(14);

    // A delivery in flight is left alone (409): taking it from under its lease would send twice at once.
    private static final String RESEND = """
            insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, attempts, next_attempt_at,
                                  next_trigger, created_at, updated_at)
            values (:tenant, :app, :msg, :ep, 'pending', 0, :now, 'manual', :now, :now)
            on conflict (message_id, endpoint_id) do update
                set state = 'pending', next_attempt_at = :now, next_trigger = 'manual', lease_until = null,
                    lease_token = null, was_exhausted = delivery.was_exhausted or delivery.state = 'exhausted',
                    updated_at = :now
                where delivery.state <> 'sending'
            returning id""";
    private static final String RECOVER = """
            update delivery
            set state = 'pending', next_attempt_at = :now, next_trigger = 'manual', lease_until = null,
                lease_token = null, was_exhausted = was_exhausted or state = 'exhausted', updated_at = :now
            where tenant_id = :tenant and app_id = :app and endpoint_id = :ep
              and state in ('exhausted', 'cancelled')
              and created_at >= :since and created_at < :until""";

    private final EntityManager em;
    private final AuditLog audit;
    private final WakeAfterCommit wake;

    Redelivery(EntityManager em, AuditLog audit, WakeAfterCommit wake) {
        this.em = em;
        this.audit = audit;
        this.wake = wake;
    }

    /** Queues one manual attempt of the message to the endpoint now, whatever became of earlier ones. */
    @Transactional
    public void resend(String tenantId, String appId, String messageId, Endpoint endpoint, Instant now) {
        requireEnabled(endpoint);
        List<?> queued = em.createNativeQuery(RESEND)
                .setParameter("tenant", tenantId).setParameter("app", appId).setParameter("msg", messageId)
                .setParameter("ep", endpoint.id).setParameter("now", Timestamp.from(now))
                .getResultList();
        if (queued.isEmpty()) {
            throw ApiException.conflict("An attempt of this message to this endpoint is in flight right now;"
                    + " look at its attempts and resend once it has finished");
        }
        audit.record(tenantId, "message.resend", "message", messageId,
                Map.of("appId", appId, "endpointId", endpoint.id));
        wake.afterCommit();
    }

    /** Re-queues every exhausted or cancelled delivery of the endpoint created in [since, until); returns how many. */
    @Transactional
    public int recover(String tenantId, String appId, Endpoint endpoint, Instant since, Instant until, Instant now) {
        requireEnabled(endpoint);
        int recovered = em.createNativeQuery(RECOVER)
                .setParameter("tenant", tenantId).setParameter("app", appId).setParameter("ep", endpoint.id)
                .setParameter("since", Timestamp.from(since)).setParameter("until", Timestamp.from(until))
                .setParameter("now", Timestamp.from(now))
                .executeUpdate();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("appId", appId);
        detail.put("since", since.toString());
        detail.put("until", until.toString());
        detail.put("recovered", recovered);
        audit.record(tenantId, "endpoint.recover", "endpoint", endpoint.id, detail);
        if (recovered > 0) {
            wake.afterCommit();
        }
        return recovered;
    }

    /** The window of a recover: since before until, at most {@link #MAX_RECOVER_WINDOW} long. */
    public static void checkWindow(Instant since, Instant until) {
        if (!since.isBefore(until)) {
            throw ApiException.invalid("since", "must be before until");
        }
        if (Duration.between(since, until).compareTo(MAX_RECOVER_WINDOW) > 0) {
            throw ApiException.invalid("until", "the window may span at most 14 days");
        }
    }

    private static void requireEnabled(Endpoint endpoint) {
        if (endpoint.disabled) {
            throw ApiException.conflict("Endpoint " + endpoint.id + " is disabled; enable it before redelivering");
        }
    }
}
