package dev.herald.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.TestRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionPurgeTest {

    // Far in the future, so that rows other tests write "now" are never old enough to be purged by these calls.
    private static final Instant NOW = Instant.parse("2100-01-01T00:00:00Z");

    @Inject
    RetentionPurge purge;
    @Inject
    AgroalDataSource db;

    private TestRows rows;
    private String tenant;
    private String app;
    private String endpoint;

    @BeforeEach
    void aTenantWithAnEndpoint() {
        rows = new TestRows(db);
        tenant = rows.tenant();
        app = rows.application(tenant);
        endpoint = rows.endpoint(tenant, app, "http://127.0.0.1:9/hook");
    }

    @Test
    void messagesOlderThanTheRetentionGoWithTheirDeliveriesAndAttempts() {
        String old = rows.message(tenant, app, NOW.minus(Duration.ofDays(31)));
        long delivery = rows.delivery(tenant, app, old, endpoint, "succeeded", NOW.minus(Duration.ofDays(31)));
        rows.attempt(tenant, app, old, endpoint, delivery, 1, "succeeded", 200, NOW.minus(Duration.ofDays(29)));
        String young = rows.message(tenant, app, NOW.minus(Duration.ofDays(29)));

        purge.purge(NOW);

        assertThat(rows.count("select count(*) from message where id = ?", old)).isZero();
        assertThat(rows.count("select count(*) from delivery where message_id = ?", old)).isZero();
        assertThat(rows.count("select count(*) from attempt where message_id = ?", old)).isZero();
        assertThat(rows.count("select count(*) from message where id = ?", young)).isOne();
    }

    @Test
    void attemptsOlderThanTheRetentionGoEvenWhenTheirMessageStays() {
        String message = rows.message(tenant, app, NOW.minus(Duration.ofDays(10)));
        long delivery = rows.delivery(tenant, app, message, endpoint, "succeeded", NOW.minus(Duration.ofDays(10)));
        String old = rows.attempt(tenant, app, message, endpoint, delivery, 1, "failed", 500, NOW.minus(Duration.ofDays(31)));
        String young = rows.attempt(tenant, app, message, endpoint, delivery, 2, "succeeded", 200, NOW.minus(Duration.ofDays(1)));

        purge.purge(NOW);

        assertThat(rows.count("select count(*) from attempt where id = ?", old)).isZero();
        assertThat(rows.count("select count(*) from attempt where id = ?", young)).isOne();
        assertThat(rows.count("select count(*) from message where id = ?", message)).isOne();
    }

    @Test
    void aMessageWithADeliveryStillPendingOrInFlightIsKeptHoweverOld() {
        String pending = rows.message(tenant, app, NOW.minus(Duration.ofDays(40)));
        rows.delivery(tenant, app, pending, endpoint, "pending", NOW.minus(Duration.ofDays(40)));
        String sending = rows.message(tenant, app, NOW.minus(Duration.ofDays(40)));
        rows.delivery(tenant, app, sending, endpoint, "sending", NOW.minus(Duration.ofDays(40)));

        purge.purge(NOW);

        assertThat(rows.count("select count(*) from message where id in (?, ?)", pending, sending)).isEqualTo(2);
        assertThat(rows.count("select count(*) from delivery where message_id in (?, ?)", pending, sending))
                .isEqualTo(2);
    }

    @Test
    void moreRowsThanOneBatchAreAllRemoved() {
        Instant old = NOW.minus(Duration.ofDays(45));
        rows.exec("""
                insert into message (id, tenant_id, app_id, event_type, payload, created_at)
                select 'msg_bulk_' || ? || '_' || g, ?, ?, 'test.event', '{}', ?
                from generate_series(1, ?) g""", app, tenant, app, java.sql.Timestamp.from(old),
                RetentionPurge.BATCH * 2 + 17);

        RetentionPurge.Purged purged = purge.purge(NOW);

        assertThat(purged.messages()).isGreaterThanOrEqualTo(RetentionPurge.BATCH * 2 + 17);
        assertThat(rows.count("select count(*) from message where app_id = ?", app)).isZero();
    }

    @Test
    void idempotencyKeysExpireAfterADay() {
        String message = rows.message(tenant, app, NOW.minus(Duration.ofHours(30)));
        rows.idempotencyKey(tenant, "old-key", message, NOW.minus(Duration.ofHours(25)));
        rows.idempotencyKey(tenant, "fresh-key", message, NOW.minus(Duration.ofHours(23)));

        purge.purge(NOW);

        assertThat(rows.count("select count(*) from idempotency_key where tenant_id = ? and key = 'old-key'", tenant))
                .isZero();
        assertThat(rows.count("select count(*) from idempotency_key where tenant_id = ? and key = 'fresh-key'", tenant))
                .isOne();
    }
}
