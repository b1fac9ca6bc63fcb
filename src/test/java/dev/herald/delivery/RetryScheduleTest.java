package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> DEFAULT = Stream.of("PT0S", "PT5S", "PT5M", "PT30M", "PT2H", "PT5H",
            "PT10H", "PT14H", "PT20H", "PT20H").map(Duration::parse).toList();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AttemptOutcome FAILED_500 = AttemptOutcome.ofStatus(500, Optional.empty());

    private final RetrySchedule exact = new RetrySchedule(DEFAULT, Duration.ofHours(72), Duration.ofSeconds(60),
            0, new Random(1));

    @Test
    void followsTheScheduleEntryAfterEachFailedAttempt() {
        assertThat(exact.nextAttempt(1, T0, T0, FAILED_500)).contains(T0.plusSeconds(5));
        assertThat(exact.nextAttempt(2, T0, T0.plusSeconds(5), FAILED_500)).contains(T0.plusSeconds(5 + 300));
    }

    @Test
    void isExhaustedAfterTheLastEntry() {
        assertThat(exact.attempts()).isEqualTo(10);
        assertThat(exact.nextAttempt(10, T0, T0.plus(Duration.ofHours(71)), FAILED_500)).isEmpty();
    }

    @Test
    void theDefaultScheduleFitsInSeventyTwoHoursEvenWithJitter() {
        RetrySchedule jittered = new RetrySchedule(DEFAULT, Duration.ofHours(72), Duration.ofSeconds(60), 0.2,
                new Random(7));
        for (int run = 0; run < 200; run++) {
            Instant now = T0;
            for (int made = 1; made < 10; made++) {
                Optional<Instant> next = jittered.nextAttempt(made, T0, now, FAILED_500);
                assertThat(next).isPresent();
                assertThat(next.get()).isBeforeOrEqualTo(T0.plus(Duration.ofHours(72)));
                now = next.get();
            }
            assertThat(jittered.nextAttempt(10, T0, now, FAILED_500)).isEmpty();
        }
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        RetrySchedule jittered = new RetrySchedule(DEFAULT, Duration.ofHours(72), Duration.ofSeconds(60), 0.2,
                new Random(3));
        for (int i = 0; i < 500; i++) {
            Instant next = jittered.nextAttempt(3, T0, T0, FAILED_500).orElseThrow();
            assertThat(Duration.between(T0, next)).isBetween(Duration.ofMinutes(24), Duration.ofMinutes(36));
        }
    }

    @Test
    void neverPlansAnAttemptPastTheMaximumAge() {
        Instant late = T0.plus(Duration.ofHours(70));
        assertThat(exact.nextAttempt(8, T0, late, FAILED_500)).contains(T0.plus(Duration.ofHours(72)));
        assertThat(exact.nextAttempt(5, T0, T0.plus(Duration.ofHours(72)), FAILED_500)).isEmpty();
    }

    @Test
    void aTimeoutOrA429WaitsAtLeastTheThrottleFloor() {
        AttemptOutcome timeout = AttemptOutcome.failure(ErrorKind.TIMEOUT, "timed out");
        AttemptOutcome tooMany = AttemptOutcome.ofStatus(429, Optional.empty());

        assertThat(exact.nextAttempt(1, T0, T0, timeout)).contains(T0.plusSeconds(60));
        assertThat(exact.nextAttempt(1, T0, T0, tooMany)).contains(T0.plusSeconds(60));
        assertThat(exact.nextAttempt(3, T0, T0, timeout)).contains(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void retryAfter_isClampedBetweenTheScheduledDelayAndTwiceIt() {
        AttemptOutcome longWait = AttemptOutcome.ofStatus(429, Optional.of(Duration.ofHours(1)));
        AttemptOutcome shortWait = AttemptOutcome.ofStatus(429, Optional.of(Duration.ofSeconds(1)));
        AttemptOutcome inside = AttemptOutcome.ofStatus(503, Optional.of(Duration.ofMinutes(45)));

        assertThat(exact.nextAttempt(3, T0, T0, longWait)).contains(T0.plus(Duration.ofMinutes(60)));
        assertThat(exact.nextAttempt(3, T0, T0, shortWait)).contains(T0.plus(Duration.ofMinutes(30)));
        assertThat(exact.nextAttempt(3, T0, T0, inside)).contains(T0.plus(Duration.ofMinutes(45)));
        assertThat(exact.nextAttempt(1, T0, T0, longWait)).contains(T0.plusSeconds(120));
    }

    @Test
    void retryAfter_acceptsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse("120", T0)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:10:00 GMT", T0)).contains(Duration.ofMinutes(10));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 00:10:00 GMT", T0)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", T0)).isEmpty();
        assertThat(RetryAfter.parse(null, T0)).isEmpty();
    }
}
