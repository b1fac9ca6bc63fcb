package dev.herald.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.local.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, killed with SIGKILL while it delivers thousands of messages and started again, still
 * delivers every message it acknowledged: what was in flight at the kill is leased in the database, the lease runs
 * out, and the new process claims it again.
 */
class CrashSafetyIT {

    private static final int MESSAGES = 2000;

    private static EmbeddedPostgres database;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedPostgres.start(null, Path.of("target", "e2e-pg-crash"));
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void everyAcknowledgedMessageArrivesAtLeastOnceAfterTheServiceIsKilledMidDelivery() {
        // A slow receiver keeps delivery running for a while after the last message is accepted.
        try (EndpointReceiver receivers = new EndpointReceiver(Duration.ofMillis(400));
                PackagedHerald first = PackagedHerald.on("crash-first", database.jdbcUrl(), database.username())
                        .start()) {
            HeraldClient client = HeraldClient.newTenant(first.baseUri());
            client.addEndpoint(receivers.url(0));
            EndpointReceiver.Hook hook = receivers.hook(0);

            List<String> accepted = client.send(MESSAGES, 8);
            assertThat(accepted).hasSize(MESSAGES).doesNotHaveDuplicates();
            await("the first deliveries").atMost(Duration.ofSeconds(60)).until(() -> hook.ids().size() >= 50);

            first.kill();
            int beforeKill = hook.ids().size();
            assertThat(beforeKill).as("killed mid-delivery, not after it").isLessThan(MESSAGES);

            receivers.latency(Duration.ofMillis(5));
            try (PackagedHerald second = PackagedHerald.on("crash-second", database.jdbcUrl(), database.username())
                    .start()) {
                await("every accepted message delivered after the restart").atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(hook.ids()).containsAll(accepted));
            }
            // Duplicates come from requests that reached the receiver but whose outcome died with the process (at
            // most what one endpoint may have in flight, herald.delivery.endpoint-concurrency = 20), and from
            // retries of attempts Herald recorded as failed (timeouts on a busy machine).
            long failedAttempts = Sql.count(database, "select count(*) from attempt where outcome = 'failed'");
            System.out.printf("crash safety: %d of %d delivered before SIGKILL, %d requests in all, %d duplicates,"
                    + " %d failed attempts%n", beforeKill, MESSAGES, hook.requests(), hook.duplicates(),
                    failedAttempts);
            assertThat(hook.duplicates()).isLessThanOrEqualTo(20 + (int) failedAttempts);
        }
    }
}
