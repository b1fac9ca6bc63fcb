package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void allowsABurstOfOneSecondThenTheRate() {
        TokenBuckets buckets = new TokenBuckets();
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take("ep_1", 5, T0)).isEmpty();
        }
        assertThat(buckets.take("ep_1", 5, T0)).contains(T0.plusMillis(200));
        assertThat(buckets.empty(T0)).containsExactly("ep_1");
        assertThat(buckets.take("ep_1", 5, T0.plusMillis(200))).isEmpty();
    }

    @Test
    void anEndpointWithoutALimitIsNeverThrottled() {
        TokenBuckets buckets = new TokenBuckets();
        for (int i = 0; i < 1000; i++) {
            assertThat(buckets.take("ep_2", null, T0)).isEmpty();
        }
        assertThat(buckets.empty(T0)).isEmpty();
    }

    @Test
    void fullBucketsAreForgotten() {
        TokenBuckets buckets = new TokenBuckets();
        buckets.take("ep_3", 2, T0);
        assertThat(buckets.empty(T0.plusSeconds(5))).isEmpty();
    }
}
