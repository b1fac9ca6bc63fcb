package dev.herald.delivery;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import javax.sql.DataSource;

/** Every few seconds: cancels deliveries of endpoints disabled through the API, and measures queue lag. */
@ApplicationScoped
class DeliveryHousekeeping {

    // The head of delivery_due, and nothing else: "min(...) where next_attempt_at <= now" let the planner, on
    // statistics from an emptier table, read all of delivery_pending_endpoint every 5 s.
    static final String OLDEST_PENDING = """
            select next_attempt_at from delivery where state = 'pending' and next_attempt_at is not null
             order by next_attempt_at limit 1""";

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

    private Optional<Instant> oldestDue(Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(OLDEST_PENDING)) {
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getTimestamp(1).toInstant()).filter(due -> !due.isAfter(now))
                        : Optional.empty();
            }
        }
    }
}
