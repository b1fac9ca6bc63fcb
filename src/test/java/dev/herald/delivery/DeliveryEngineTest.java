package dev.herald.delivery;

import static dev.herald.delivery.TestReceiver.Reply.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.standardwebhooks.Webhook;
import dev.herald.delivery.TestReceiver.Received;
import dev.herald.delivery.TestReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcomes of attempts against real receivers on 127.0.0.1, with the test profile's millisecond schedule. */
@QuarkusTest
class DeliveryEngineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    DeliveryRows rows;
    @Inject
    RecordedEvents events;

    private TestReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }



    @Test
    void theBodyIsTheStoredPayloadByteForByteAndTheOfficialLibraryVerifiesTheSignature() throws Exception {
        String key = DeliveryRows.newKey();
        String endpointId = rows.endpoint(receiver.url("/hook", status(204)));
        rows.update("delete from endpoint_secret where endpoint_id = ?", endpointId);
        rows.secret(endpointId, key, null);
        String payload = "{ \"b\" : 1,\n  \"a\":\"é ✓ \\u00e9\" ,\"n\":1.50}";

        String messageId = rows.send(endpointId, payload);

        rows.awaitState(messageId, "succeeded", PATIENCE);
        Received request = receiver.received("/hook").getFirst();
        assertThat(request.body()).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("webhook-id")).isEqualTo(messageId);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("user-agent")).startsWith("Herald/");
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
        assertThatCode(() -> new Webhook(key).verify(new String(request.body(), StandardCharsets.UTF_8),
                request.headers())).doesNotThrowAnyException();
        List<DeliveryRows.Attempt> attempts = rows.attempts(messageId);
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("succeeded");
            assertThat(a.statusCode()).isEqualTo(204);
            assertThat(a.trigger()).isEqualTo("scheduled");
            assertThat(a.requestHeaders()).contains("webhook-signature").contains(messageId);
        });
    }

    @Test
    void duringARotationOverlapBothSecretsSignAndAnExpiredOneDoesNot() {
        String oldKey = DeliveryRows.newKey();
        String newKey = DeliveryRows.newKey();
        String expiredKey = DeliveryRows.newKey();
        String endpointId = rows.endpoint(receiver.url("/rotating", status(200)));
        rows.update("delete from endpoint_secret where endpoint_id = ?", endpointId);
        rows.secret(endpointId, expiredKey, Instant.now().minusSeconds(60));
        rows.secret(endpointId, oldKey, Instant.now().plus(Duration.ofHours(24)));
        rows.secret(endpointId, newKey, null);

        String messageId = rows.send(endpointId, "{\"rotating\":true}");

        rows.awaitState(messageId, "succeeded", PATIENCE);
        Received request = receiver.received("/rotating").getFirst();
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(oldKey).verify(body, request.headers())).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(newKey).verify(body, request.headers())).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(expiredKey).verify(body, request.headers())).isNotNull()
                .isInstanceOf(Exception.class);
    }

    @Test
    void customHeadersAreSentButCannotReplaceTheSignatureHeaders() throws Exception {
        String key = DeliveryRows.newKey();
        String endpointId = rows.endpoint(receiver.url("/headers", status(200)), """
                {"X-Custom":"yes","webhook-id":"forged","Webhook-Signature":"v1,forged","content-type":"text/plain"}""",
                null);
        rows.update("delete from endpoint_secret where endpoint_id = ?", endpointId);
        rows.secret(endpointId, key, null);

        String messageId = rows.send(endpointId, "{}");

        rows.awaitState(messageId, "succeeded", PATIENCE);
        Received request = receiver.received("/headers").getFirst();
        assertThat(request.header("x-custom")).isEqualTo("yes");
        assertThat(request.header("webhook-id")).isEqualTo(messageId);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThatCode(() -> new Webhook(key).verify("{}", request.headers())).doesNotThrowAnyException();
    }

    @Test
    void failedAttemptsAreRetriedUntilOneSucceeds() {
        String endpointId = rows.endpoint(receiver.url("/flaky", status(500), status(503), status(200)));

        String messageId = rows.send(endpointId, "{\"retry\":1}");

        rows.awaitState(messageId, "succeeded", PATIENCE);
        assertThat(rows.attempts(messageId)).extracting(DeliveryRows.Attempt::statusCode)
                .containsExactly(500, 503, 200);
        assertThat(rows.attempts(messageId)).extracting(DeliveryRows.Attempt::outcome)
                .containsExactly("failed", "failed", "succeeded");
        assertThat(rows.delivery(messageId)).containsEntry("attempts", 3).containsEntry("lease_token", null);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("herald_deliveries_total{outcome=\"succeeded\""))
                .body(containsString("herald_deliveries_total{outcome=\"failed\""))
                .body(containsString("herald_attempt_duration_seconds_bucket"))
                .body(containsString("herald_delivery_claim_batch"))
                .body(containsString("herald_delivery_queue_lag_seconds"));
        assertThat(receiver.received("/flaky")).hasSize(3).allMatch(r -> messageId.equals(r.header("webhook-id")));
    }

    @Test
    void aDeliveryIsExhaustedAfterTheWholeScheduleAndThatIsAnnounced() {
        String endpointId = rows.endpoint(receiver.url("/down", status(500)));

        String messageId = rows.send(endpointId, "{\"doomed\":true}");

        rows.awaitState(messageId, "exhausted", PATIENCE);
        assertThat(rows.attempts(messageId)).hasSize(5).allMatch(a -> "http_status".equals(a.errorKind()));
        await().atMost(PATIENCE).until(() -> events.exhausted().stream().anyMatch(e -> e.messageId().equals(messageId)));
        DeliveryExhausted event = events.exhausted().stream().filter(e -> e.messageId().equals(messageId)).findFirst()
                .orElseThrow();
        assertThat(event.attempts()).isEqualTo(5);
        assertThat(event.endpointId()).isEqualTo(endpointId);
        // Failing for milliseconds is far from herald.endpoints.disable-after: the endpoint stays enabled.
        assertThat(rows.endpointRow(endpointId)).containsEntry("disabled", false);
    }

    @Test
    void anEndpointFailingLongerThanDisableAfterIsDisabledWhenADeliveryIsExhausted() {
        String endpointId = rows.endpoint(receiver.url("/long-dead", status(500)));
        rows.update("insert into endpoint_health (endpoint_id, failing_since) values (?, ?)", endpointId,
                DeliveryRows.ts(Instant.now().minus(Duration.ofHours(73))));

        String messageId = rows.send(endpointId, "{}");

        rows.awaitState(messageId, "exhausted", PATIENCE);
        await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(rows.endpointRow(endpointId).get("disabled")));
        assertThat((String) rows.endpointRow(endpointId).get("disabled_reason")).contains("every delivery has failed");
        await().atMost(PATIENCE).until(() -> events.disabled().stream().anyMatch(e -> e.endpointId().equals(endpointId)));
    }

    @Test
    void goneDisablesTheEndpointAtOnceAndCancelsItsOtherDeliveries() {
        String endpointId = rows.endpoint(receiver.url("/gone", status(410)));
        String later = rows.message(endpointId, "{\"later\":true}");
        rows.update("update delivery set next_attempt_at = ? where message_id = ?",
                DeliveryRows.ts(Instant.now().plusSeconds(3600)), later);

        String messageId = rows.send(endpointId, "{}");

        await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(rows.endpointRow(endpointId).get("disabled")));
        assertThat((String) rows.endpointRow(endpointId).get("disabled_reason")).contains("410");
        assertThat(rows.endpointRow(endpointId).get("disabled_at")).isNotNull();
        rows.awaitState(messageId, "cancelled", PATIENCE);
        rows.awaitState(later, "cancelled", PATIENCE);
        assertThat(rows.delivery(later)).containsEntry("last_error", "endpoint disabled");
        assertThat(receiver.received("/gone")).hasSize(1);
        await().atMost(PATIENCE).until(() -> events.disabled().stream().anyMatch(e -> e.endpointId().equals(endpointId)));
    }

    @Test
    void a429WaitsAtLeastTheThrottleFloorAndRetryAfterIsClampedToTwiceTheDelay() {
        String endpointId = rows.endpoint(receiver.url("/busy",
                status(429, Map.of("Retry-After", "3600")), status(200)));

        String messageId = rows.send(endpointId, "{}");

        rows.awaitState(messageId, "succeeded", PATIENCE);
        List<DeliveryRows.Attempt> attempts = rows.attempts(messageId);
        assertThat(attempts).extracting(DeliveryRows.Attempt::statusCode).containsExactly(429, 200);
        Duration gap = Duration.between(attempts.get(0).attemptedAt(), attempts.get(1).attemptedAt());
        // Floor 50 ms (test profile) beats the 10 ms entry; an hour's Retry-After is cut to 2 x 50 ms.
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() {
        String endpointId = rows.endpoint(receiver.url("/slow", Reply.hang(), status(200)));

        String messageId = rows.send(endpointId, "{}");

        rows.awaitState(messageId, "succeeded", PATIENCE);
        DeliveryRows.Attempt first = rows.attempts(messageId).getFirst();
        assertThat(first.errorKind()).isEqualTo("timeout");
        assertThat(first.statusCode()).isNull();
        assertThat(first.durationMs()).isBetween(900, 5_000);
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        String target = receiver.url("/moved-here", status(200));
        String endpointId = rows.endpoint(receiver.url("/moved",
                status(302, Map.of("Location", target)), status(200)));

        String messageId = rows.send(endpointId, "{}");

        rows.awaitState(messageId, "succeeded", PATIENCE);
        assertThat(rows.attempts(messageId).getFirst()).satisfies(a -> {
            assertThat(a.statusCode()).isEqualTo(302);
            assertThat(a.errorDetail()).contains("not followed");
        });
        assertThat(receiver.received("/moved-here")).isEmpty();
    }
}
