package dev.herald.operational;

import dev.herald.audit.AuditLog;
import dev.herald.delivery.DeliveryExhausted;
import dev.herald.delivery.EndpointDisabled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns what the delivery engine announces into operational events for the tenant. Events about the operational
 * application itself are not emitted (a failing operational endpoint must not feed itself). A failure here is
 * logged and never reaches the engine.
 */
@ApplicationScoped
public class OperationalTriggers {

    private static final Logger LOG = Logger.getLogger(OperationalTriggers.class);

    private final OperationalEvents events;
    private final OperationalApp app;
    private final AuditLog audit;
    private final EntityManager em;

    OperationalTriggers(OperationalEvents events, OperationalApp app, AuditLog audit, EntityManager em) {
        this.events = events;
        this.app = app;
        this.audit = audit;
        this.em = em;
    }

    /**
     * Announces at once an endpoint the engine just disabled, if the recovery watcher has not (the endpoint's
     * {@code disable_unannounced} mark, cleared here in the event's own transaction, decides who does).
     */
    @Transactional
    void endpointDisabled(@Observes EndpointDisabled disabled) {
        int taken = em.createNativeQuery("""
                update endpoint set disable_unannounced = false where id = :endpoint and disable_unannounced""")
                .setParameter("endpoint", disabled.endpointId()).executeUpdate();
        if (taken > 0) {
            announce(disabled);
        }
    }

    /** Audits the disabling and queues {@code endpoint.disabled}; the caller has taken the endpoint's mark. */
    void announce(EndpointDisabled disabled) {
        try {
            audit.recordSystem(disabled.tenantId(), "endpoint.disable", "endpoint", disabled.endpointId(),
                    Map.of("appId", disabled.appId(), "reason", disabled.reason()));
            if (app.isOperational(disabled.appId())) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("appId", disabled.appId());
            data.put("endpointId", disabled.endpointId());
            data.put("reason", disabled.reason());
            events.emit(disabled.tenantId(), OperationalEvents.ENDPOINT_DISABLED, data, disabled.at());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not emit endpoint.disabled for endpoint %s", disabled.endpointId());
        }
    }

    /**
     * Announces at once what the engine just exhausted, if the recovery watcher has not (the delivery's
     * {@code exhaustion_unannounced} mark, cleared here in the event's own transaction, decides who does).
     */
    @Transactional
    void deliveryExhausted(@Observes DeliveryExhausted exhausted) {
        try {
            int taken = em.createNativeQuery("""
                    update delivery set exhaustion_unannounced = false
                     where id = :delivery and exhaustion_unannounced""")
                    .setParameter("delivery", exhausted.deliveryId()).executeUpdate();
            if (taken == 0 || app.isOperational(exhausted.appId())) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("appId", exhausted.appId());
            data.put("msgId", exhausted.messageId());
            data.put("endpointId", exhausted.endpointId());
            data.put("lastAttempt", lastAttempt(exhausted.deliveryId()));
            events.emit(exhausted.tenantId(), OperationalEvents.ATTEMPT_EXHAUSTED, data, exhausted.at());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not emit message.attempt.exhausted for message %s", exhausted.messageId());
        }
    }

    /** The delivery's latest attempt: {@code id, timestamp, responseStatusCode, errorKind}; empty if none. */
    Map<String, Object> lastAttempt(long deliveryId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                select id, attempted_at, status_code, error_kind from attempt
                where delivery_id = :delivery order by attempted_at desc, id desc limit 1""", Tuple.class)
                .setParameter("delivery", deliveryId).getResultList();
        Map<String, Object> last = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            Tuple row = rows.get(0);
            last.put("id", row.get("id"));
            last.put("timestamp", String.valueOf(instant(row.get("attempted_at"))));
            last.put("responseStatusCode", row.get("status_code"));
            last.put("errorKind", row.get("error_kind"));
        }
        return last;
    }

    /** A timestamp column as JDBC/Hibernate hands it over, as an Instant (other values as they are). */
    static Object instant(Object value) {
        return switch (value) {
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> value;
        };
    }
}
