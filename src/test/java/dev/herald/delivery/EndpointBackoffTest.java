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

    private final EndpointBackoff backoff = new EndpointBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(45));

    @Test
    void aTimeoutHoldsTheEndpointForTheFirstBackoffThenPutsItOnTrial() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);

        assertThat(backoff.holdUntil("ep_a", T0)).contains(T0.plusSeconds(1));
        assertThat(backoff.held(T0.plusMillis(999))).containsExactly("ep_a");
        assertThat(backoff.onTrial(T0.plusMillis(999))).isEmpty();
        assertThat(backoff.held(T0.plusSeconds(1))).isEmpty();
        assertThat(backoff.onTrial(T0.plusSeconds(1))).containsExactly("ep_a");
        assertThat(backoff.backingOff(T0.plusSeconds(1))).containsExactly("ep_a");
        assertThat(backoff.holdUntil("ep_b", T0)).isEmpty();
    }

    @Test
    void afterThePauseOneTrialAttemptGoesOutAndTheOthersWaitForItsOutcome() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        Instant over = T0.plusSeconds(1);

        assertThat(backoff.holdUntil("ep_a", over)).as("the trial").isEmpty();
        assertThat(backoff.holdUntil("ep_a", over.plusMillis(100))).contains(over.plusMillis(1_100));
        assertThat(backoff.held(over.plusMillis(100))).containsExactly("ep_a");
        assertThat(backoff.onTrial(over.plusMillis(100))).isEmpty();

        backoff.observe("ep_a", OK, over, over.plusMillis(200));

        assertThat(backoff.holdUntil("ep_a", over.plusMillis(200))).isEmpty();
        assertThat(backoff.holdUntil("ep_a", over.plusMillis(200))).isEmpty();
        assertThat(backoff.backingOff(over.plusMillis(200))).isEmpty();
    }

    @Test
    void aTrialThatTimesOutTooStartsTheNextPauseTwiceAsLong() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        backoff.holdUntil("ep_a", T0.plusSeconds(1));

        backoff.observe("ep_a", TIMEOUT, T0.plusSeconds(1), T0.plusSeconds(16));

        assertThat(backoff.holdUntil("ep_a", T0.plusSeconds(16))).contains(T0.plusSeconds(18));
    }

    @Test
    void aTrialAnsweredWithAnythingButA429EndsThePauseSinceTheReceiverAnswersAgain() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        backoff.holdUntil("ep_a", T0.plusSeconds(1));

        backoff.observe("ep_a", AttemptOutcome.ofStatus(500, Optional.empty()), T0.plusSeconds(1),
                T0.plusMillis(1_050));

        assertThat(backoff.backingOff(T0.plusMillis(1_050))).isEmpty();
    }

    @Test
    void theOtherAttemptsInFlightWhenThePauseBeganNeitherLengthenNorEndIt() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        // the endpoint's other hanging requests, started before the pause, time out or fail one after the other
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(14), T0.plusMillis(500));
        backoff.observe("ep_a", AttemptOutcome.ofStatus(503, Optional.empty()), T0.minusSeconds(13),
                T0.plusMillis(600));

        assertThat(backoff.holdUntil("ep_a", T0.plusMillis(700))).contains(T0.plusSeconds(1));
    }

    @Test
    void eachFurtherRoundThatTimesOutDoublesThePauseUpToTheThrottleFloor() {
        Instant now = T0;
        backoff.observe("ep_a", TIMEOUT, now.minusSeconds(15), now);
        Duration expected = Duration.ofSeconds(1);
        for (int round = 1; round <= 9; round++) {
            assertThat(backoff.holdUntil("ep_a", now)).as("round %d", round).contains(now.plus(expected));
            now = now.plus(expected);
            assertThat(backoff.holdUntil("ep_a", now)).as("trial %d", round).isEmpty();
            // the trial hangs for the whole timeout
            backoff.observe("ep_a", TIMEOUT, now, now.plusSeconds(15));
            now = now.plusSeconds(15);
            expected = expected.multipliedBy(2).compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60)
                    : expected.multipliedBy(2);
        }
    }

    @Test
    void aSuccessEndsThePauseAndTheNextTimeoutStartsFromTheFirstBackoffAgain() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        backoff.observe("ep_a", OK, T0.minusSeconds(1), T0.plusMillis(300));

        assertThat(backoff.holdUntil("ep_a", T0.plusMillis(300))).isEmpty();
        backoff.observe("ep_a", TIMEOUT, T0.plusSeconds(18), T0.plusSeconds(33));
        assertThat(backoff.holdUntil("ep_a", T0.plusSeconds(33))).contains(T0.plusSeconds(34));
    }

    @Test
    void retryAfterOnA429LengthensThePauseButNeverBeyondTheThrottleFloor() {
        backoff.observe("ep_a", AttemptOutcome.ofStatus(429, Optional.of(Duration.ofSeconds(20))), T0, T0);
        backoff.observe("ep_b", AttemptOutcome.ofStatus(429, Optional.of(Duration.ofHours(1))), T0, T0);

        assertThat(backoff.holdUntil("ep_a", T0)).contains(T0.plusSeconds(20));
        assertThat(backoff.holdUntil("ep_b", T0)).contains(T0.plusSeconds(60));
    }

    @Test
    void otherFailuresPauseNothing() {
        backoff.observe("ep_a", AttemptOutcome.ofStatus(500, Optional.empty()), T0, T0);
        backoff.observe("ep_a", AttemptOutcome.failure(ErrorKind.CONNECTION, "refused"), T0, T0);

        assertThat(backoff.backingOff(T0)).isEmpty();
    }

    @Test
    void aTrialThatNeverReportsBackIsGivenUpAfterALease() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);
        backoff.holdUntil("ep_a", T0.plusSeconds(1)); // its delivery went to another instance, say

        assertThat(backoff.held(T0.plusSeconds(45))).containsExactly("ep_a");
        assertThat(backoff.held(T0.plusSeconds(46))).isEmpty();
        assertThat(backoff.onTrial(T0.plusSeconds(46))).containsExactly("ep_a");
    }

    @Test
    void aPauseLongOverWithNoTrialIsForgottenSoItsRoundsStartAgain() {
        backoff.observe("ep_a", TIMEOUT, T0.minusSeconds(15), T0);

        assertThat(backoff.held(T0.plusSeconds(62))).isEmpty();
        assertThat(backoff.backingOff(T0.plusSeconds(62))).isEmpty();
        backoff.observe("ep_a", TIMEOUT, T0.plusSeconds(50), T0.plusSeconds(65));
        assertThat(backoff.holdUntil("ep_a", T0.plusSeconds(65))).contains(T0.plusSeconds(66));
    }

    @Test
    void theFirstPauseIsNeverLongerThanTheLongest() {
        EndpointBackoff compressed = new EndpointBackoff(Duration.ofSeconds(1), Duration.ofMillis(50),
                Duration.ofSeconds(10));

        compressed.observe("ep_a", TIMEOUT, T0, T0);

        assertThat(compressed.holdUntil("ep_a", T0)).contains(T0.plusMillis(50));
    }
}
