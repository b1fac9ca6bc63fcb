package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.id.PrefixedId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The dispatcher's claim, against the lock it shares with ingest's leases. */
@QuarkusTest
class ClaimDueDeliveriesTest {

    @Inject
    DeliveryRows rows;
    @Inject
    DataSource db;
    @Inject
    ClaimDueDeliveries claims;


    @Test
    void aClaimWithNothingDueLeavesTheLockToIngestEvenWithRetriesWaiting() throws Exception {
        String endpointId = rows.endpoint("http://127.0.0.1:9/due-in-an-hour"); // nothing is sent in this test
        String messageId = PrefixedId.next("msg");
        rows.update("""
                insert into message (id, tenant_id, app_id, event_type, payload, created_at)
                values (?, ?, ?, 'invoice.paid', '{}', now())""", messageId, rows.tenantId, rows.appId);
        rows.update("""
                insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, created_at,
                                      updated_at)
                values (?, ?, ?, ?, 'pending', now() + interval '1 hour', now(), now())""",
                rows.tenantId, rows.appId, messageId, endpointId);
        // Other tests' deliveries are sent by the running dispatcher; wait until none is due.
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count("""
                select count(*) from delivery
                 where (state = 'pending' and next_attempt_at <= now())
                    or (state = 'sending' and lease_until <= now())""") == 0);

        try (Connection ingest = db.getConnection()) {
            ingest.setAutoCommit(false);
            ClaimLock.take(ingest); // an ingest batch leasing fresh deliveries, not yet committed

            CompletableFuture<List<ClaimedDelivery>> claim = CompletableFuture.supplyAsync(() -> {
                try {
                    return claims.claim(Instant.now(), 400, 20, Instant.now().plusSeconds(30), List.of(), List.of(),
                            true)
                            .deliveries();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            // Before, it waited here for the ingest transaction, walking every endpoint with retries once it had the
            // lock (1–20 ms with a million retries waiting), and each ingest batch meanwhile waited for it.
            await().atMost(Duration.ofSeconds(5)).until(claim::isDone);
            assertThat(claim.get()).isEmpty();
            ingest.rollback();
        }
        assertThat(rows.delivery(messageId)).containsEntry("state", "pending");
    }
}
