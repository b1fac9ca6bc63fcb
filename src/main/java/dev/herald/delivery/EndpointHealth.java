package dev.herald.delivery;

import dev.herald.endpoint.EndpointConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The engine's rules about endpoints: 410 Gone disables at once; an endpoint whose attempts have all failed for
 * {@code herald.endpoints.disable-after}, once one of its deliveries is exhausted, is disabled too. A disabled
 * endpoint's pending deliveries are cancelled (re-enabling does not resend them; recover does).
 */
@ApplicationScoped
class EndpointHealth {

    static final String CANCELLED_ERROR = "endpoint disabled";
    /** Cancels the pending deliveries of the endpoints %s names: last_error, updated_at, then its own parameters. */
    private static final String CANCEL_PENDING = """
            update delivery d set state = 'cancelled', next_attempt_at = null, last_error = ?, updated_at = ?
             where d.endpoint_id = any (%s) and d.state = 'pending'""";
    static final String CANCEL_FOR_DISABLED = CANCEL_PENDING.formatted("array(select id from endpoint where disabled)");
    private static final String CANCEL_FOR_ONE = CANCEL_PENDING.formatted("array[?]");
    private static final Logger LOG = Logger.getLogger(EndpointHealth.class);
    private static final Duration HEALTHY_RECHECK = Duration.ofSeconds(5);
    private static final int PRUNE_ABOVE = 10_000;

    private final DataSource db;
    private final Duration disableAfter;
    /** Endpoints this instance saw succeed, until when it need not tell the database again. */
    private final Map<String, Instant> healthyUntil = new ConcurrentHashMap<>();
    private final Event<EndpointDisabled> disabledEvents;
    private final DeliveryMetrics metrics;

    EndpointHealth(DataSource db, EndpointConfig endpoints, Event<EndpointDisabled> disabledEvents,
            DeliveryMetrics metrics) {
        this.db = db;
        this.disableAfter = endpoints.endpoints().disableAfter();
        this.disabledEvents = disabledEvents;
        this.metrics = metrics;
    }

    /**
     * Remembers when an endpoint started failing and forgets it once it succeeds; writes only on change. An endpoint
     * this instance has just seen healthy is not looked at again for {@link #HEALTHY_RECHECK}: every recorded batch
     * used to pay a statement for it. (Another instance's failure marks it failing meanwhile; this instance's next
     * success after the recheck time clears that again, long before the days automatic disabling waits for.)
     */
    void track(Collection<String> failed, Collection<String> succeeded, Instant now) throws SQLException {
        failed.forEach(healthyUntil::remove);
        List<String> unconfirmed = succeeded.stream()
                .filter(id -> {
                    Instant until = healthyUntil.get(id);
                    return until == null || !now.isBefore(until);
                })
                .toList();
        if (failed.isEmpty() && unconfirmed.isEmpty()) {
            return;
        }
        write(failed, unconfirmed, now);
        if (healthyUntil.size() > PRUNE_ABOVE) {
            healthyUntil.values().removeIf(until -> !now.isBefore(until));
        }
        Instant until = now.plus(HEALTHY_RECHECK);
        unconfirmed.forEach(id -> healthyUntil.put(id, until));
    }

    private void write(Collection<String> failed, Collection<String> succeeded, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (!failed.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into endpoint_health (endpoint_id, failing_since)
                        select id, ? from unnest(?::text[]) as id
                        on conflict (endpoint_id) do update set failing_since = excluded.failing_since
                         where endpoint_health.failing_since is null""")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setArray(2, c.createArrayOf("text", failed.toArray()));
                    s.executeUpdate();
                }
            }
            if (!succeeded.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        update endpoint_health set failing_since = null
                         where endpoint_id = any (?) and failing_since is not null""")) {
                    s.setArray(1, c.createArrayOf("text", succeeded.toArray()));
                    s.executeUpdate();
                }
            }
        }
    }

    /** Called when one of the endpoint's deliveries is exhausted: disables it when it has failed long enough. */
    void exhaustedOn(String endpointId, Instant now) throws SQLException {
        Optional<Instant> failingSince = failingSince(endpointId);
        if (failingSince.isPresent() && !failingSince.get().plus(disableAfter).isAfter(now)) {
            disable(endpointId, "every delivery has failed since " + failingSince.get() + " (longer than "
                    + disableAfter + ") and a delivery was exhausted", now);
        }
    }

    /** Disables the endpoint (once) and cancels its pending deliveries. */
    void disable(String endpointId, String reason, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            String tenantId;
            String appId;
            try (PreparedStatement s = c.prepareStatement("""
                    update endpoint set disabled = true, disabled_reason = ?, disabled_at = ?, updated_at = ?,
                                        disable_unannounced = true
                     where id = ? and not disabled
                    returning tenant_id, app_id""")) {
                s.setString(1, reason);
                s.setTimestamp(2, Timestamp.from(now));
                s.setTimestamp(3, Timestamp.from(now));
                s.setString(4, endpointId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return;
                    }
                    tenantId = r.getString(1);
                    appId = r.getString(2);
                }
            }
            try (PreparedStatement s = c.prepareStatement(CANCEL_FOR_ONE)) {
                s.setString(1, CANCELLED_ERROR);
                s.setTimestamp(2, Timestamp.from(now));
                s.setString(3, endpointId);
                s.executeUpdate();
            }
            LOG.infof("Disabled endpoint %s: %s", endpointId, reason);
            metrics.endpointDisabled();
            disabledEvents.fire(new EndpointDisabled(tenantId, appId, endpointId, reason, now));
        }
    }

    /**
     * Cancels pending deliveries of endpoints disabled elsewhere (the API): one probe of each disabled endpoint's
     * queue, nothing at all when none is disabled. (Joined to endpoint instead, the planner, on statistics from before a
     * million retries arrived, walked all of them: 24 s, a million pages read, every cache evicted.)
     */
    int cancelForDisabledEndpoints(Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(CANCEL_FOR_DISABLED)) {
            s.setString(1, CANCELLED_ERROR);
            s.setTimestamp(2, Timestamp.from(now));
            return s.executeUpdate();
        }
    }

    private Optional<Instant> failingSince(String endpointId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select failing_since from endpoint_health where endpoint_id = ?")) {
            s.setString(1, endpointId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getTimestamp(1) != null ? Optional.of(r.getTimestamp(1).toInstant())
                        : Optional.empty();
            }
        }
    }
}
