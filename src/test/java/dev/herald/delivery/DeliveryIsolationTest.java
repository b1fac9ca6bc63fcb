package dev.herald.delivery;

import static dev.herald.delivery.TestReceiver.Reply.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.delivery.RecordAttempts.Completion;
import dev.herald.delivery.TestReceiver.Received;
import dev.herald.delivery.TestReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases, per-endpoint limits, fairness and network failures, against real receivers and PostgreSQL. */
@QuarkusTest
class DeliveryIsolationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DeliveryRows rows;
    @Inject
    DeliveryWakeup wakeup;
    @Inject
    RecordAttempts records;

    private TestReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }



    /** Puts a delivery in the hands of a (pretend) worker holding the given lease. */
    private void lease(String messageId, long token, Instant until) {
        rows.update("update delivery set state = 'sending', lease_token = ?, lease_until = ? where message_id = ?",
                token, DeliveryRows.ts(until), messageId);
    }

    private Completion succeededWith(String endpointId, String messageId, long token) {
        ClaimedDelivery claimed = new ClaimedDelivery(rows.deliveryId(messageId), token, rows.tenantId, rows.appId,
                messageId, endpointId, 0, null, "scheduled");
        Attempted attempt = new Attempted(claimed, AttemptOutcome.ofStatus(200, Optional.empty()), Instant.now(), 3,
                Map.of(), null);
        return new Completion(attempt, dev.herald.id.PrefixedId.next("atmpt"), DeliveryState.SUCCEEDED, null);
    }

    @Test
    void aCompletionForALeaseNoLongerHeldIsIgnored() throws Exception {
        String endpointId = rows.endpoint(receiver.url("/unused", status(200)));
        String messageId = rows.message(endpointId, "{}");
        lease(messageId, -42, Instant.now().plus(Duration.ofHours(1)));

        assertThat(records.complete(List.of(succeededWith(endpointId, messageId, -41)))).isEmpty();
        assertThat(rows.attempts(messageId)).isEmpty();
        assertThat(rows.delivery(messageId)).containsEntry("state", "sending").containsEntry("attempts", 0);

        assertThat(records.complete(List.of(succeededWith(endpointId, messageId, -42))))
                .containsExactly(rows.deliveryId(messageId));
        assertThat(rows.attempts(messageId)).hasSize(1);
        assertThat(rows.delivery(messageId)).containsEntry("state", "succeeded").containsEntry("attempts", 1);
        assertThat(records.complete(List.of(succeededWith(endpointId, messageId, -42)))).isEmpty();
        assertThat(rows.attempts(messageId)).hasSize(1);
    }

    @Test
    void aDeliveryWhoseLeaseExpiredIsClaimedAgainAndTheOldLeaseCannotComplete() throws Exception {
        String endpointId = rows.endpoint(receiver.url("/reclaimed", status(200)));
        String messageId = rows.message(endpointId, "{\"crashed\":true}");
        lease(messageId, -7, Instant.now().minusSeconds(1));
        wakeup.wake();

        rows.awaitState(messageId, "succeeded", PATIENCE);
        assertThat(receiver.received("/reclaimed")).hasSize(1);
        assertThat(records.complete(List.of(succeededWith(endpointId, messageId, -7)))).isEmpty();
        assertThat(rows.attempts(messageId)).hasSize(1);
    }

    @Test
    void anAddressTheSsrfGuardRefusesIsAFailedAttemptWithTheReason() {
        String endpointId = rows.endpoint("http://10.1.2.3:9/hook");

        String messageId = rows.send(endpointId, "{}");

        await().atMost(PATIENCE).until(() -> !rows.attempts(messageId).isEmpty());
        DeliveryRows.Attempt first = rows.attempts(messageId).getFirst();
        assertThat(first.errorKind()).isEqualTo("ssrf");
        assertThat(first.errorDetail()).contains("10.1.2.3").contains("private address");
        assertThat(first.statusCode()).isNull();
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String endpointId = rows.endpoint("http://127.0.0.1:" + closedPort + "/nobody");

        String messageId = rows.send(endpointId, "{}");

        await().atMost(PATIENCE).until(() -> !rows.attempts(messageId).isEmpty());
        assertThat(rows.attempts(messageId).getFirst().errorKind()).isEqualTo("connection");
        rows.update("update endpoint set disabled = true where id = ?", endpointId);
    }

    @Test
    void aResetConnectionIsAConnectionFailureAndIsRetried() throws Exception {
        try (ServerSocket resetter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!resetter.isClosed()) {
                    try (Socket socket = resetter.accept()) {
                        socket.getInputStream().read(new byte[256]);
                        socket.setSoLinger(true, 0); // close with RST
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String endpointId = rows.endpoint("http://127.0.0.1:" + resetter.getLocalPort() + "/reset");

            String messageId = rows.send(endpointId, "{}");

            await().atMost(PATIENCE).until(() -> rows.attempts(messageId).size() >= 2);
            assertThat(rows.attempts(messageId)).allMatch(a -> "connection".equals(a.errorKind()));
            rows.update("update endpoint set disabled = true where id = ?", endpointId);
        }
    }

    @Test
    void noMoreThanTheEndpointConcurrencyIsInFlightAtOnce() {
        String endpointId = rows.endpoint(receiver.url("/capped", Reply.slow(200, 200)));
        rows.backlog(endpointId, 100);
        wakeup.wake();

        await().atMost(PATIENCE).until(() -> rows.count(
                "select count(*) from delivery where endpoint_id = ? and state = 'succeeded'", endpointId) == 100);
        assertThat(receiver.maxConcurrent()).isEqualTo(20);
        assertThat(receiver.received("/capped")).hasSize(100);
    }

    @Test
    void theRateLimitSpacesDeliveriesWithoutCountingAttempts() {
        String endpointId = rows.endpoint(receiver.url("/limited", status(200)), "{}", 5);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            messages.add(rows.message(endpointId, "{\"i\":" + i + "}"));
        }
        wakeup.wake();

        await().atMost(PATIENCE).until(() -> receiver.received("/limited").size() >= 15);
        List<Received> arrivals = receiver.received("/limited");
        Duration span = Duration.ofNanos(arrivals.getLast().arrivedNanos() - arrivals.getFirst().arrivedNanos());
        // 5 at once (a full bucket), then 5 per second: the fifteenth comes about two seconds after the first.
        assertThat(span).isGreaterThan(Duration.ofMillis(1_500));
        messages.forEach(m -> rows.awaitState(m, "succeeded", PATIENCE));
        assertThat(messages).allMatch(m -> rows.attempts(m).size() == 1);
    }

    @Test
    void aHealthyEndpointKeepsItsLatencyWhileADeadOneHasABacklogOfThousands() {
        try (TestReceiver deadHost = new TestReceiver()) {
            healthyLatencyBesideADeadEndpoint(deadHost);
        }
    }

    private void healthyLatencyBesideADeadEndpoint(TestReceiver deadHost) {
        String deadId = rows.endpoint(deadHost.url("/dead", Reply.hang()));
        rows.backlog(deadId, 3_000);
        wakeup.wake();
        await().atMost(PATIENCE).until(() -> deadHost.received("/dead").size() >= 20);
        String healthyId = rows.endpoint(receiver.url("/healthy", status(200)));

        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long sent = System.nanoTime();
            rows.send(healthyId, "{\"i\":" + i + "}");
            int expected = i + 1;
            await().atMost(PATIENCE).until(() -> receiver.received("/healthy").size() >= expected);
            latencies.add(Duration.ofNanos(receiver.received("/healthy").get(i).arrivedNanos() - sent));
        }

        latencies.sort(null);
        assertThat(latencies.get(latencies.size() / 2)).isLessThan(Duration.ofMillis(500));
        assertThat(latencies.getLast()).isLessThan(Duration.ofSeconds(2));
        assertThat(deadHost.received("/dead").size()).isLessThan(3_000);
        rows.update("update endpoint set disabled = true where id = ?", deadId);
    }
}
