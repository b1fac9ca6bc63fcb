package dev.herald.delivery;

import static dev.herald.delivery.TestReceiver.Reply.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.db.PlanOnce;
import dev.herald.delivery.TestReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest leases the deliveries of fresh messages in its own transaction and hands them to this instance's senders once
 * it commits, within the same limits as the dispatcher's claim.
 */
@QuarkusTest
class FreshDeliveriesTest {

    @Inject
    DeliveryRows rows;
    @Inject
    DataSource db;
    @Inject
    FreshDeliveries fresh;
    @Inject
    Dispatcher dispatcher;
    @Inject
    InProcessHandoff handoff;
    @Inject
    DeliveryConfig config;

    private TestReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new TestReceiver();
        // Fresh deliveries are leased only while nothing due waits for the dispatcher.
        await().atMost(Duration.ofSeconds(10)).until(dispatcher::takesFresh);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aFreshDeliveryIsLeasedInTheIngestTransactionAndSentAfterTheCommitWithoutWaitingForAClaim() throws Exception {
        String endpointId = rows.endpoint(receiver.url("/fresh", status(204)));
        List<FreshDeliveries.NewMessage> messages = messages(1);

        FreshDeliveries.Written written;
        try (Connection c = transaction()) {
            written = fresh.write(c, messages);
            assertThat(written.deliveries(messages.getFirst().id())).isOne();
            assertThat(written.queued(messages.getFirst().id())).isZero();
            c.commit();
        }
        String messageId = messages.getFirst().id();
        assertThat(rows.delivery(messageId)).containsEntry("state", "sending").containsEntry("endpoint_id", endpointId);
        assertThat(rows.delivery(messageId).get("lease_token")).isNotNull();

        written.committed();

        // The lease runs 10 s in tests and a claim never takes a live lease: arriving sooner proves the hand-off.
        rows.awaitState(messageId, "succeeded", Duration.ofSeconds(5));
        assertThat(receiver.received("/fresh")).hasSize(1);
    }

    @Test
    void anEndpointGetsNoMoreFreshLeasesThanItsFreeInFlightSlotsAndTheRestWaitsForOneOfItsSlots() throws Exception {
        rows.endpoint(receiver.url("/busy", TestReceiver.Reply.hang()));
        int cap = config.endpointConcurrency();
        List<FreshDeliveries.NewMessage> messages = messages(cap + 5);
        int roomBefore = handoff.room(Instant.now());

        try (Connection c = transaction()) {
            FreshDeliveries.Written written = fresh.write(c, messages);
            // Queued, but not for a claim now: the endpoint is full until one of its deliveries is recorded.
            assertThat(messages.stream().mapToInt(m -> written.queued(m.id())).sum()).isZero();
            assertThat(count(c, "sending")).isEqualTo(cap);
            assertThat(count(c, "pending")).isEqualTo(5);
            c.rollback();
            written.rolledBack();
        }

        assertThat(handoff.room(Instant.now())).isEqualTo(roomBefore);
    }

    @Test
    void deliveriesWaitingForASlotOfTheirEndpointAreSentOnceOneFrees() throws Exception {
        int cap = config.endpointConcurrency();
        rows.endpoint(receiver.url("/slow", Reply.slow(204, 200)));
        List<FreshDeliveries.NewMessage> messages = messages(cap + 5);

        FreshDeliveries.Written written;
        try (Connection c = transaction()) {
            written = fresh.write(c, messages);
            c.commit();
        }
        written.committed();

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received("/slow").size() == cap + 5);
        messages.forEach(m -> rows.awaitState(m.id(), "succeeded", Duration.ofSeconds(5)));
        assertThat(receiver.maxConcurrent()).isLessThanOrEqualTo(cap);
    }

    @Test
    void deliveriesToARateLimitedEndpointAreLeftToTheDispatcher() throws Exception {
        rows.endpoint(receiver.url("/limited", status(204)), "{}", 10);
        List<FreshDeliveries.NewMessage> messages = messages(3);

        try (Connection c = transaction()) {
            FreshDeliveries.Written written = fresh.write(c, messages);
            assertThat(messages).allSatisfy(m -> assertThat(written.queued(m.id())).isOne());
            assertThat(count(c, "sending")).isZero();
            c.rollback();
            written.rolledBack();
        }
    }

    @Test
    void insideTheGroupCommitTheLeaseStatementKeepsOnePlanPerConnectionThatReadsOnlyByIndex() throws Exception {
        rows.endpoint(receiver.url("/planned", status(204)));
        List<FreshDeliveries.NewMessage> messages = messages(1);

        try (Connection c = transaction()) {
            PlanOnce.inTransaction(c);
            FreshDeliveries.Written written = fresh.write(c, messages);
            assertThat(written.deliveries(messages.getFirst().id())).isOne();
            // Planning it per batch was two thirds of its time with the claim lock held. A plan kept while delivery
            // was empty, though, read the whole table for each endpoint once it had filled (bench: ingest crawled
            // for a minute): with no sequential or bitmap scans and no sort an index spares, the plan left is the one
            // that fits every size (QueuePlansTest plans it on an emptied table).
            assertThat(setting(c, "plan_cache_mode")).isEqualTo("force_generic_plan");
            assertThat(setting(c, "enable_seqscan")).isEqualTo("off");
            assertThat(setting(c, "enable_sort")).isEqualTo("off");
            assertThat(setting(c, "enable_bitmapscan")).isEqualTo("off");
            c.rollback();
            written.rolledBack();
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (var s = c.prepareStatement("select current_setting(?)")) {
            s.setString(1, name);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private List<FreshDeliveries.NewMessage> messages(int count) {
        List<FreshDeliveries.NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(rows.freshMessage("{\"n\":1}"));
        }
        return messages;
    }

    private Connection transaction() throws SQLException {
        Connection c = db.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private long count(Connection c, String state) throws SQLException {
        try (var s = c.prepareStatement("select count(*) from delivery where app_id = ? and state = ?")) {
            s.setString(1, rows.appId);
            s.setString(2, state);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
