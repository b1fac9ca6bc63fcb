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
 * attempt, those whose endpoint is paused ({@link EndpointBackoff}) or over its rate limit (re-queued for when the
 * pause ends or a token is there) or disabled or gone (cancelled).
 */
@ApplicationScoped
class PrepareClaimed {

    private final DeliveryInputs inputs;
    private final RecordAttempts records;
    private final DeliveryMetrics metrics;
    private final EndpointBackoff backoff;
    private final TokenBuckets buckets = new TokenBuckets();

    PrepareClaimed(DeliveryInputs inputs, RecordAttempts records, DeliveryMetrics metrics, EndpointBackoff backoff) {
        this.inputs = inputs;
        this.records = records;
        this.metrics = metrics;
        this.backoff = backoff;
    }

    /**
     * Endpoints to leave out of the next claim: they have no rate-limit token now, or are paused or have their trial
     * attempt out ({@link EndpointBackoff}).
     */
    List<String> throttledEndpoints(Instant now) {
        List<String> paused = backoff.held(now);
        List<String> empty = buckets.empty(now);
        if (paused.isEmpty()) {
            return empty;
        }
        List<String> both = new ArrayList<>(empty);
        both.addAll(paused);
        return both;
    }

    /** In-process: rate limits and cancellations, then everything the sender needs. */
    List<Outbound> prepare(List<ClaimedDelivery> claimed, Instant now) throws SQLException {
        return sift(claimed, now, true, inputs::payloads);
    }

    /**
     * Deliveries ingest leased itself: their bodies are at hand, and their endpoints have no rate limit (ingest leaves
     * rate-limited and paused endpoints to the dispatcher); only cancellations and pauses begun since apply.
     */
    List<Outbound> prepareFresh(List<ClaimedDelivery> leased, Map<String, byte[]> bodies, Instant now)
            throws SQLException {
        return sift(leased, now, false, ids -> bodies);
    }

    /** Kafka, before publishing: rate limits and cancellations only; the worker loads the rest. */
    List<ClaimedDelivery> admit(List<ClaimedDelivery> claimed, Instant now) throws SQLException {
        return sift(claimed, now, true, null).stream().map(Outbound::delivery).toList();
    }

    /**
     * Kafka, on the worker: what the sender needs; the publisher already applied the rate limits, the pauses are the
     * worker's own (it sees the outcomes).
     */
    List<Outbound> load(List<ClaimedDelivery> claimed, Instant now) throws SQLException {
        return sift(claimed, now, false, inputs::payloads);
    }

    /** Where bodies come from: the database, or memory; null when the bodies are not needed yet. */
    private interface Bodies {
        Map<String, byte[]> of(Set<String> messageIds) throws SQLException;
    }

    private List<Outbound> sift(List<ClaimedDelivery> claimed, Instant now, boolean rateLimit, Bodies source)
            throws SQLException {
        if (claimed.isEmpty()) {
            return List.of();
        }
        Set<String> endpointIds = claimed.stream().map(ClaimedDelivery::endpointId).collect(Collectors.toSet());
        Map<String, DeliveryInputs.Target> targets = inputs.endpoints(endpointIds, now);
        boolean withBodies = source != null;
        Map<String, byte[]> bodies = withBodies
                ? source.of(claimed.stream().map(ClaimedDelivery::messageId).collect(Collectors.toSet()))
                : Map.of();
        List<Outbound> ready = new ArrayList<>(claimed.size());
        List<Settlement> givenBack = new ArrayList<>();
        for (ClaimedDelivery delivery : claimed) {
            DeliveryInputs.Target target = targets.get(delivery.endpointId());
            byte[] body = bodies.get(delivery.messageId());
            if (target == null || target.disabled() || (withBodies && body == null)) {
                givenBack.add(new Settlement(delivery.id(), delivery.leaseToken(), DeliveryState.CANCELLED, null,
                        EndpointHealth.CANCELLED_ERROR));
                metrics.delivery("cancelled");
                continue;
            }
            Optional<Instant> throttledUntil = rateLimit
                    ? buckets.take(delivery.endpointId(), target.rateLimit(), now)
                    : Optional.empty();
            if (throttledUntil.isEmpty() && withBodies) { // about to be sent (admitting to Kafka sends nothing yet)
                throttledUntil = backoff.holdUntil(delivery.endpointId(), now);
            }
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
