package dev.herald.delivery;

import dev.herald.delivery.RecordAttempts.Settlement;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns claimed deliveries into sendable ones: loads endpoint, keys and body; gives back, without counting an
 * attempt, those whose endpoint is over its rate limit (re-queued for when a token is there) or disabled or gone
 * (cancelled).
 */
@ApplicationScoped
class PrepareClaimed {

    private final DeliveryInputs inputs;
    private final RecordAttempts records;
    private final DeliveryMetrics metrics;
    private final TokenBuckets buckets = new TokenBuckets();

    PrepareClaimed(DeliveryInputs inputs, RecordAttempts records, DeliveryMetrics metrics) {
        this.inputs = inputs;
        this.records = records;
        this.metrics = metrics;
    }

    /** Endpoints to leave out of the next claim: they have no rate-limit token now. */
    List<String> throttledEndpoints(Instant now) {
        return buckets.empty(now);
    }

    List<Outbound> prepare(List<ClaimedDelivery> claimed, Instant now) throws SQLException {
        Set<String> endpointIds = claimed.stream().map(ClaimedDelivery::endpointId).collect(Collectors.toSet());
        Set<String> messageIds = claimed.stream().map(ClaimedDelivery::messageId).collect(Collectors.toSet());
        Map<String, DeliveryInputs.Target> targets = inputs.endpoints(endpointIds, now);
        Map<String, byte[]> bodies = inputs.payloads(messageIds);
        List<Outbound> ready = new ArrayList<>(claimed.size());
        List<Settlement> givenBack = new ArrayList<>();
        for (ClaimedDelivery delivery : claimed) {
            DeliveryInputs.Target target = targets.get(delivery.endpointId());
            byte[] body = bodies.get(delivery.messageId());
            if (target == null || target.disabled() || body == null) {
                givenBack.add(new Settlement(delivery.id(), delivery.leaseToken(), DeliveryState.CANCELLED, null,
                        EndpointHealth.CANCELLED_ERROR));
                metrics.delivery("cancelled");
                continue;
            }
            Optional<Instant> throttledUntil = buckets.take(delivery.endpointId(), target.rateLimit(), now);
            if (throttledUntil.isPresent()) {
                givenBack.add(new Settlement(delivery.id(), delivery.leaseToken(), DeliveryState.PENDING,
                        throttledUntil.get(), null));
                continue;
            }
            ready.add(new Outbound(delivery, target, body));
        }
        records.settle(givenBack, now);
        return ready;
    }
}
