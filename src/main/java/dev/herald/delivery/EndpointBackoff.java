package dev.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints that said "too slow" or "too many" (an attempt timed out, or got a 429) get no new attempt for a while:
 * the receiver is overloaded or hanging, and more requests would only add to its load and tie up this instance's
 * connections. The attempts already in flight go on; the endpoint's queued deliveries wait (the claim leaves the
 * endpoint out, ingest queues instead of leasing, and anything leased meanwhile is given back until the pause ends).
 * <p>
 * The first pause is {@code herald.delivery.endpoint-backoff}; each further round that ends the same way doubles it,
 * up to the throttle floor (the least wait of the throttled delivery itself); a {@code Retry-After} lengthens it within
 * that floor; a success ends it. A round is the attempts started after the pause began: the other attempts in flight
 * when the first timed out (up to the endpoint's concurrency, all hanging on the same receiver) do not count again.
 * Each instance keeps its own pauses, from the outcomes of its own attempts.
 */
@ApplicationScoped
class EndpointBackoff {

    /** Paused until {@code until}; {@code since} is when this round's pause began; {@code rounds} so far. */
    private record Pause(Instant since, Instant until, int rounds) {
    }

    private final Duration first;
    private final Duration most;
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    @Inject
    EndpointBackoff(DeliveryConfig config) {
        this(config.endpointBackoff(), config.throttleFloor());
    }

    EndpointBackoff(Duration first, Duration most) {
        this.first = first.compareTo(most) > 0 ? most : first;
        this.most = most;
    }

    /** Takes in one finished attempt of the endpoint: it may pause the endpoint, or end its pause. */
    void observe(String endpointId, AttemptOutcome outcome, Instant attemptedAt, Instant now) {
        if (outcome.succeeded()) {
            pauses.remove(endpointId);
            return;
        }
        if (!outcome.throttles()) {
            return;
        }
        pauses.compute(endpointId, (id, pause) -> {
            if (pause != null && attemptedAt.isBefore(pause.since())) {
                return pause; // started before this round's pause: the round that paused it already counted
            }
            int rounds = pause == null ? 1 : pause.rounds() + 1;
            Duration wait = most;
            if (rounds < 31 && first.multipliedBy(1L << (rounds - 1)).compareTo(most) < 0) {
                wait = first.multipliedBy(1L << (rounds - 1));
            }
            Duration asked = outcome.retryAfter().orElse(Duration.ZERO);
            if (asked.compareTo(wait) > 0) {
                wait = asked.compareTo(most) > 0 ? most : asked;
            }
            return new Pause(now, now.plus(wait), rounds);
        });
    }

    /** Until when no attempt to the endpoint should start, if it is paused now. */
    Optional<Instant> pausedUntil(String endpointId, Instant now) {
        Pause pause = pauses.get(endpointId);
        return pause != null && pause.until().isAfter(now) ? Optional.of(pause.until()) : Optional.empty();
    }

    /**
     * The endpoints paused now. Pauses that ended longer than the longest pause ago are forgotten (their next round
     * starts from the first pause again), so endpoints that never answer again do not accumulate.
     */
    List<String> paused(Instant now) {
        if (pauses.isEmpty()) {
            return List.of();
        }
        List<String> paused = new ArrayList<>();
        Instant forgetBefore = now.minus(most);
        pauses.forEach((id, pause) -> {
            if (pause.until().isAfter(now)) {
                paused.add(id);
            } else if (pause.until().isBefore(forgetBefore)) {
                pauses.remove(id, pause);
            }
        });
        return paused;
    }
}
