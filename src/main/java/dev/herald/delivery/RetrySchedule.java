package dev.herald.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When the next attempt of a failed delivery happens, or that there is none (exhausted). Entry {@code n} of the
 * schedule is the delay before attempt {@code n + 1}: the first entry is normally {@code 0s} (send at once), so a
 * ten-entry schedule makes ten attempts. Delays get ±jitter; after a timeout or a 429 the delay is at least the
 * throttle floor; a {@code Retry-After} is honoured within [delay, 2 × delay]; no attempt is ever planned later
 * than {@code maxAge} after the first one.
 */
public final class RetrySchedule {

    private final List<Duration> delays;
    private final Duration maxAge;
    private final Duration throttleFloor;
    private final double jitter;
    private final RandomGenerator random;

    public RetrySchedule(List<Duration> delays, Duration maxAge, Duration throttleFloor, double jitter,
            RandomGenerator random) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("The retry schedule needs at least one entry");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("Jitter must be in [0, 1), got " + jitter);
        }
        this.delays = List.copyOf(delays);
        this.maxAge = maxAge;
        this.throttleFloor = throttleFloor;
        this.jitter = jitter;
        this.random = random;
    }

    /** How many attempts a delivery gets before it is exhausted. */
    public int attempts() {
        return delays.size();
    }

    /**
     * The time of the next attempt after a failed one, or empty when the delivery is exhausted.
     *
     * @param attemptsMade attempts made so far, the failed one included
     * @param firstAttemptAt when the first attempt was made
     */
    public Optional<Instant> nextAttempt(int attemptsMade, Instant firstAttemptAt, Instant now,
            AttemptOutcome outcome) {
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Instant deadline = firstAttemptAt.plus(maxAge);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration delay = jittered(delays.get(attemptsMade));
        if (outcome.throttles() && delay.compareTo(throttleFloor) < 0) {
            delay = throttleFloor;
        }
        if (outcome.retryAfter().isPresent()) {
            delay = clamp(outcome.retryAfter().get(), delay, delay.multipliedBy(2));
        }
        Instant next = now.plus(delay);
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }

    private Duration jittered(Duration delay) {
        if (jitter == 0 || delay.isZero()) {
            return delay;
        }
        double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
        return Duration.ofNanos((long) (delay.toNanos() * factor));
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }
}
