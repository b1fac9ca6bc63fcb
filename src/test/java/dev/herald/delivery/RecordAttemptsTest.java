package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.delivery.RecordAttempts.Completion;
import dev.herald.id.PrefixedId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An attempt is recorded only while its lease is held: the lease token decides. */
@QuarkusTest
class RecordAttemptsTest {

    @Inject
    DeliveryRows rows;
    @Inject
    RecordAttempts records;

    private String messageId;
    private long deliveryId;

    @BeforeEach
    void aLeasedDelivery() {
        String endpointId = rows.endpoint("http://127.0.0.1:9/record");
        messageId = rows.message(endpointId, "{}");
        deliveryId = rows.deliveryId(messageId);
        rows.update("update delivery set state = 'sending', lease_token = 42, lease_until = now() + interval '1 minute',"
                + " next_attempt_at = null where id = ?", deliveryId);
    }

    @Test
    void theHolderOfTheLeaseRecordsItsAttempt() throws Exception {
        assertThat(records.complete(List.of(succeeded(42)))).containsExactly(deliveryId);

        assertThat(rows.delivery(messageId)).containsEntry("state", "succeeded").containsEntry("lease_token", null);
        assertThat(rows.attempts(messageId)).hasSize(1);
    }

    @Test
    void aCompletionWithAnotherLeaseTokenChangesNothingAndRecordsNoAttempt() throws Exception {
        assertThat(records.complete(List.of(succeeded(41)))).isEmpty();

        assertThat(rows.delivery(messageId)).containsEntry("state", "sending");
        assertThat(rows.attempts(messageId)).isEmpty();
    }

    @Test
    void aSecondCompletionOfTheSameLeaseIsIgnored() throws Exception {
        records.complete(List.of(succeeded(42)));

        assertThat(records.complete(List.of(succeeded(42)))).isEmpty();
        assertThat(rows.attempts(messageId)).hasSize(1);
    }

    private Completion succeeded(long leaseToken) {
        ClaimedDelivery delivery = new ClaimedDelivery(deliveryId, leaseToken, rows.tenantId, rows.appId, messageId,
                "ep", 0, null, "scheduled");
        Attempted attempt = new Attempted(delivery, AttemptOutcome.ofStatus(204, Optional.empty()), Instant.now(), 3,
                Map.of("webhook-id", messageId), "");
        return new Completion(attempt, PrefixedId.next("atmpt"), DeliveryState.SUCCEEDED, null);
    }
}
