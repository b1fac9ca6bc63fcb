package dev.herald.delivery;

import static dev.herald.delivery.TestReceiver.Reply.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.delivery.TestReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that answers 429 (or times out) gets no new attempt until its pause is over, whichever way its next
 * deliveries arrive (claimed from the table, or written by ingest), and then one trial attempt before the rest. Pauses
 * of 3 s here, so they can be told apart from the poll and the scheduling around them.
 */
@QuarkusTest
@TestProfile(EndpointPauseTest.ThreeSecondPauses.class)
class EndpointPauseTest {

    public static class ThreeSecondPauses implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("herald.delivery.endpoint-backoff", "3s", "herald.delivery.throttle-floor", "3s");
        }
    }

    private static final Duration PAUSE = Duration.ofSeconds(3);

    @Inject
    DeliveryRows rows;
    @Inject
    DataSource db;
    @Inject
    FreshDeliveries fresh;
    @Inject
    Dispatcher dispatcher;

    private TestReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new TestReceiver();
        await().atMost(Duration.ofSeconds(10)).until(dispatcher::takesFresh);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aQueuedDeliveryOfAnEndpointThatAnswered429IsNotClaimedUntilThePauseIsOver() {
        String endpointId = rows.endpoint(receiver.url("/claimed", status(429), status(204)));
        String first = rows.send(endpointId, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/claimed").size() == 1);

        String second = rows.send(endpointId, "{}");

        rows.awaitState(second, "succeeded", Duration.ofSeconds(15));
        rows.awaitState(first, "succeeded", Duration.ofSeconds(15));
        assertNothingArrivedWithinThePauseAfterThe429("/claimed");
    }

    @Test
    void ingestQueuesTheFreshDeliveryOfAPausedEndpointInsteadOfLeasingIt() throws Exception {
        String endpointId = rows.endpoint(receiver.url("/fresh", status(429), status(204)));
        String first = rows.send(endpointId, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/fresh").size() == 1);
        FreshDeliveries.NewMessage message = rows.freshMessage("{}");

        FreshDeliveries.Written written;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            written = fresh.write(c, List.of(message));
            c.commit();
        }
        written.committed();

        assertThat(written.deliveries(message.id())).isOne();
        assertThat(rows.delivery(message.id())).containsEntry("state", "pending").containsEntry("lease_token", null);
        rows.awaitState(message.id(), "succeeded", Duration.ofSeconds(15));
        rows.awaitState(first, "succeeded", Duration.ofSeconds(15));
        assertNothingArrivedWithinThePauseAfterThe429("/fresh");
    }

    @Test
    void afterThePauseOneTrialAttemptGoesOutAloneAndTheRestFollowItsSuccess() {
        String endpointId = rows.endpoint(receiver.url("/trial", status(429), Reply.slow(204, 500), status(204)));
        String first = rows.send(endpointId, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/trial").size() == 1);
        List<String> waiting = List.of(rows.send(endpointId, "{}"), rows.send(endpointId, "{}"),
                rows.send(endpointId, "{}"));

        waiting.forEach(id -> rows.awaitState(id, "succeeded", Duration.ofSeconds(15)));
        rows.awaitState(first, "succeeded", Duration.ofSeconds(15));
        List<TestReceiver.Received> requests = receiver.received("/trial");
        assertThat(requests).hasSize(5);
        long trial = requests.get(1).arrivedNanos();
        assertThat(Duration.ofNanos(trial - requests.getFirst().arrivedNanos())).isGreaterThanOrEqualTo(PAUSE);
        // the receiver held the trial for half a second (the test profile's timeout is 1 s) before its 204: nothing
        // else went out meanwhile
        assertThat(requests.subList(2, 5)).allSatisfy(r -> assertThat(Duration.ofNanos(r.arrivedNanos() - trial))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500)));
    }

    private void assertNothingArrivedWithinThePauseAfterThe429(String path) {
        List<TestReceiver.Received> requests = receiver.received(path);
        assertThat(requests).hasSize(3);
        long pausedAt = requests.getFirst().arrivedNanos();
        // the pause is counted from the 429's arrival back at Herald, after the receiver saw the request
        assertThat(requests.subList(1, 3)).allSatisfy(r -> assertThat(Duration.ofNanos(r.arrivedNanos() - pausedAt))
                .isGreaterThanOrEqualTo(PAUSE));
    }
}
