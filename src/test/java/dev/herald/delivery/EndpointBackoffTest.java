package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointBackoffTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final AttemptOutcome TIMEOUT = AttemptOutcome.failure(ErrorKind.TIMEOUT, "timed out");
    private static final AttemptOutcome OK = AttemptOutcome.ofStatus(204, Optional.empty());

    private final EndpointBackoff backoff = new EndpointBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void aTimeoutPausesTheEndpointForTheFirstBackoff() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);

        assertThat(backoff.pausedUntil("ep_a", T0)).contains(T0.plusSeconds(1));
        assertThat(backoff.paused(T0.plusMillis(999))).containsExactly("ep_a");
        assertThat(backoff.paused(T0.plusSeconds(1))).isEmpty();
        assertThat(backoff.pausedUntil("ep_b", T0)).isEmpty();
    }

    @Test
    void theOtherAttemptsInFlightWhenThePauseBeganDoNotLengthenIt() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        // the endpoint's other hanging requests, started before the pause, time out one after the other
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(14), T0.plusMillis(500));
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(13), T0.plusSeconds(2));

        assertThat(backoff.pausedUntil("ep_a", T0.plusMillis(600))).contains(T0.plusSeconds(1));
        assertThat(backoff.pausedUntil("ep_a", T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void eachFurtherRoundThatTimesOutDoublesThePauseUpToTheThrottleFloor() {
        Instant now = T0;
        Duration expected = Duration.ofSeconds(1);
        for (int round = 1; round <= 9; round++) {
            backoff.observe("ep_a", TIMEOUT, now.minusSeconds(15), now);

            assertThat(backoff.pausedUntil("ep_a", now)).as("round %d", round).contains(now.plus(expected));
            // the next round starts once the pause is over, and hangs for the whole timeout again
            now = now.plus(expected).plusSeconds(15);
            expected = expected.multipliedBy(2).compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60)
                    : expected.multipliedBy(2);
        }
    }

    @Test
    void aSuccessEndsThePauseAndTheNextTimeoutStartsFromTheFirstBackoffAgain() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        backoff.observe("ep_a", TIMEOUT, T0.plusSeconds(1), T0.plusSeconds(16));
        backoff.observe("ep_a", OK, T0.plusSeconds(1), T0.plusSeconds(17));

        assertThat(backoff.pausedUntil("ep_a", T0.plusSeconds(17))).isEmpty();
        backoff.observe("ep_a", TIMEOUT, T0.plusSeconds(18), T0.plusSeconds(33));
        assertThat(backoff.pausedUntil("ep_a", T0.plusSeconds(33))).contains(T0.plusSeconds(34));
    }

    @Test
    void retryAfterOnA429LengthensThePauseButNeverBeyondTheThrottleFloor() {
        backoff.observe("ep_a", AttemptOutcome.ofStatus(429, Optional.of(Duration.ofSeconds(20))), T0, T0);
        backoff.observe("ep_b", AttemptOutcome.ofStatus(429, Optional.of(Duration.ofHours(1))), T0, T0);

        assertThat(backoff.pausedUntil("ep_a", T0)).contains(T0.plusSeconds(20));
        assertThat(backoff.pausedUntil("ep_b", T0)).contains(T0.plusSeconds(60));
    }

    @Test
    void otherFailuresNeitherPauseNorEndAPause() {
        backoff.observe("ep_a", AttemptOutcome.ofStatus(500, Optional.empty()), T0, T0);
        backoff.observe("ep_b", TIMEOUT, T0.minusSeconds(15), T0);
        backoff.observe("ep_b", AttemptOutcome.ofStatus(503, Optional.empty()), T0, T0.plusMillis(10));

        assertThat(backoff.paused(T0.plusMillis(10))).containsExactly("ep_b");
    }

    @Test
    void aPauseLongOverIsForgottenSoItsRoundsStartAgain() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);

        assertThat(backoff.paused(T0.plusSeconds(62))).isEmpty();
        backoff.observe("ep_a", TIMEOUT, T0.plusSeconds(50), T0.plusSeconds(65));
        assertThat(backoff.pausedUntil("ep_a", T0.plusSeconds(65))).contains(T0.plusSeconds(66));
    }

    @Test
    void theFirstPauseIsNeverLongerThanTheLongest() {
        EndpointBackoff compressed = new EndpointBackoff(Duration.ofSeconds(1), Duration.ofMillis(50));

        compressed.observe("ep_a", TIMEOUT, T0, T0);

        assertThat(compressed.pausedUntil("ep_a", T0)).contains(T0.plusMillis(50));
    }
}
