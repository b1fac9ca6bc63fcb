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
 * Endpoints that said "too slow" or "too many" (an attempt timed out, or got a 429) get no new attempt for a while,
 * then one trial attempt before the rest: the receiver is overloaded or hanging, and more requests would only add to
 * its load and tie up this instance's connections. The attempts already in flight go on; the endpoint's queued
 * deliveries wait (the claim leaves the endpoint out, then takes one of its deliveries as the trial; ingest queues
 * instead of leasing; anything leased meanwhile is given back, unattempted).
 * <p>
 * The first pause is {@code herald.delivery.endpoint-backoff}; each further round that ends the same way doubles it,
 * up to the throttle floor (the least wait of the throttled delivery itself); a {@code Retry-After} lengthens it within
 * that floor. Once a pause is over, one attempt goes out: if it succeeds, or the receiver answers anything but a 429,
 * the endpoint is back to its full concurrency; if it times out or gets a 429, the next, longer pause begins. A round
 * is the attempts started after its pause began: the other attempts in flight when the first timed out (up to the
 * endpoint's concurrency, all hanging on the same receiver) do not count again. Each instance keeps its own pauses,
 * from the outcomes of its own attempts; a trial that never reports back (its delivery went elsewhere) is given up
 * after a lease.
 */
@ApplicationScoped
class EndpointBackoff {

    /**
     * Paused from {@code since} until {@code until}, after {@code rounds} rounds; then on trial, with the trial attempt
     * out until {@code trialUntil} (null while none is).
     */
    private record Pause(Instant since, Instant until, int rounds, Instant trialUntil) {

        boolean trialOut(Instant now) {
            return trialUntil != null && trialUntil.isAfter(now);
        }

        /** No attempt may start now: paused, or the trial attempt is out. */
        boolean holds(Instant now) {
            return until.isAfter(now) || trialOut(now);
        }
    }

    private final Duration first;
    private final Duration most;
    private final Duration trialLease;
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    @Inject
    EndpointBackoff(DeliveryConfig config) {
        this(config.endpointBackoff(), config.throttleFloor(), config.lease());
    }

    EndpointBackoff(Duration first, Duration most, Duration trialLease) {
        this.first = first.compareTo(most) > 0 ? most : first;
        this.most = most;
        this.trialLease = trialLease;
    }

    /** Takes in one finished attempt of the endpoint: it may pause the endpoint, or end its pause or its trial. */
    void observe(String endpointId, AttemptOutcome outcome, Instant attemptedAt, Instant now) {
        if (outcome.succeeded()) {
            pauses.remove(endpointId);
            return;
        }
        pauses.computeIfPresent(endpointId, (id, pause) -> {
            if (attemptedAt.isBefore(pause.since())) {
                return pause; // started before this round's pause: the round that paused it already counted
            }
            return outcome.throttles() ? next(pause.rounds() + 1, outcome, now) : null;
        });
        if (outcome.throttles()) {
            pauses.computeIfAbsent(endpointId, id -> next(1, outcome, now));
        }
    }

    private Pause next(int rounds, AttemptOutcome outcome, Instant now) {
        Duration wait = most;
        if (rounds < 31 && first.multipliedBy(1L << (rounds - 1)).compareTo(most) < 0) {
            wait = first.multipliedBy(1L << (rounds - 1));
        }
        Duration asked = outcome.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(wait) > 0) {
            wait = asked.compareTo(most) > 0 ? most : asked;
        }
        return new Pause(now, now.plus(wait), rounds, null);
    }

    /**
     * Whether an attempt to the endpoint may start now; when it may not, until when its delivery should wait. The
     * first attempt allowed after a pause is the endpoint's trial: the next ones wait for its outcome.
     */
    Optional<Instant> holdUntil(String endpointId, Instant now) {
        Instant[] hold = {null};
        pauses.computeIfPresent(endpointId, (id, pause) -> {
            if (pause.until().isAfter(now)) {
                hold[0] = pause.until();
                return pause;
            }
            if (pause.trialOut(now)) {
                hold[0] = now.plus(first);
                return pause;
            }
            return new Pause(pause.since(), pause.until(), pause.rounds(), now.plus(trialLease));
        });
        return Optional.ofNullable(hold[0]);
    }

    /**
     * The endpoints to leave out of claims and ingest's leases now: paused, or with their trial attempt out.
     * Pauses that ended longer than the longest pause ago with no attempt since are forgotten (their next round
     * starts from the first pause again), so endpoints that never answer again do not accumulate.
     */
    List<String> held(Instant now) {
        if (pauses.isEmpty()) {
            return List.of();
        }
        List<String> held = new ArrayList<>();
        Instant forgetBefore = now.minus(most);
        pauses.forEach((id, pause) -> {
            if (pause.holds(now)) {
                held.add(id);
            } else if (pause.until().isBefore(forgetBefore) && pause.trialUntil() == null) {
                pauses.remove(id, pause);
            }
        });
        return held;
    }

    /** Whether the endpoint is paused now, or its trial attempt is out. */
    boolean holds(String endpointId, Instant now) {
        Pause pause = pauses.get(endpointId);
        return pause != null && pause.holds(now);
    }

    /** Every endpoint backing off: held, or on trial; ingest leases none of their deliveries (the claim takes them). */
    List<String> backingOff(Instant now) {
        return pauses.isEmpty() ? List.of() : List.copyOf(pauses.keySet());
    }

    /** The endpoints whose pause is over and whose trial attempt has not gone out: claim one delivery of each. */
    List<String> onTrial(Instant now) {
        if (pauses.isEmpty()) {
            return List.of();
        }
        List<String> trial = new ArrayList<>();
        pauses.forEach((id, pause) -> {
            if (!pause.holds(now)) {
                trial.add(id);
            }
        });
        return trial;
    }
}
