package dev.herald.delivery;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import javax.sql.DataSource;

/** Every few seconds: cancels deliveries of endpoints disabled through the API, and measures queue lag. */
@ApplicationScoped
class DeliveryHousekeeping {

    private final DataSource db;
    private final EndpointHealth endpoints;
    private final DeliveryMetrics metrics;
    private final DeliveryConfig config;
    private final InstantSource clock;

    DeliveryHousekeeping(DataSource db, EndpointHealth endpoints, DeliveryMetrics metrics, DeliveryConfig config,
            InstantSource clock) {
        this.db = db;
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tidy() throws SQLException {
        if (!config.enabled()) {
            return;
        }
        Instant now = clock.instant();
        endpoints.cancelForDisabledEndpoints(now);
        metrics.queueLag(oldestDue(now).map(due -> Duration.between(due, now)).orElse(Duration.ZERO));
    }

    private java.util.Optional<Instant> oldestDue(Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select min(next_attempt_at) from delivery where state = 'pending' and next_attempt_at <= ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getTimestamp(1) != null ? java.util.Optional.of(r.getTimestamp(1).toInstant())
                        : java.util.Optional.empty();
            }
        }
    }
}
