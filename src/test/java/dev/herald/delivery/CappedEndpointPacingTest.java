package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.delivery.TestReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A queue behind an endpoint at its in-flight cap drains as fast as the endpoint answers: each recorded delivery frees
 * a slot and the dispatcher claims into it at once, not at its next poll (here 30 s away).
 */
@QuarkusTest
@TestProfile(CappedEndpointPacingTest.SlowPoll.class)
class CappedEndpointPacingTest {

    /** Polls so rarely that only the wake-up after each recorded batch can move the queue within the test. */
    public static class SlowPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("herald.delivery.poll-interval", "30s", "herald.delivery.endpoint-concurrency", "5");
        }
    }

    @Inject
    DeliveryRows rows;
    @Inject
    DeliveryWakeup wakeup;

    private final TestReceiver receiver = new TestReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aQueueBehindACappedEndpointIsClaimedAsItsSlotsFreeNotAtThePoll() {
        String endpointId = rows.endpoint(receiver.url("/capped", Reply.slow(204, 50)));
        rows.backlog(endpointId, 50);

        wakeup.wake();

        // 50 deliveries, 5 at a time, 50 ms each: about half a second when every freed slot is claimed at once.
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received("/capped").size() == 50);
        assertThat(receiver.maxConcurrent()).isLessThanOrEqualTo(5);
    }
}
