package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker side of kafka dispatch without a broker: what a worker does with the tickets a poll hands it. The rows
 * belong to a disabled endpoint so that the in-process dispatcher of the test application leaves them alone.
 */
@QuarkusTest
class KafkaTicketsTest {

    @Inject
    DeliveryRows rows;
    @Inject
    DataSource db;
    @Inject
    KafkaIntake intake;
    @Inject
    DeliveryConfig config;

    private String endpointId;

    @BeforeEach
    void rows() {
        endpointId = rows.endpoint("http://127.0.0.1:9/never");
        rows.update("update endpoint set disabled = true where id = ?", endpointId);
    }

    /** A delivery leased as a claimer would before publishing it, as the ticket on the topic. */
    private DeliveryTicket leased(Duration leaseLeft) {
        String messageId = rows.message(endpointId, "{\"n\":1}");
        long id = rows.deliveryId(messageId);
        Instant leaseUntil = Instant.now().plus(leaseLeft);
        rows.update("""
                update delivery set state = 'sending', lease_until = ?,
                                    lease_token = nextval('delivery_lease_token_seq')
                 where id = ?""", DeliveryRows.ts(leaseUntil), id);
        long token = ((Number) rows.delivery(messageId).get("lease_token")).longValue();
        return new DeliveryTicket(new ClaimedDelivery(id, token, rows.tenantId, rows.appId, messageId, endpointId, 0,
                null, "scheduled"), leaseUntil);
    }

    @Test
    void aTicketIsTakenOnceEvenWhenKafkaHandsItOutTwice() throws Exception {
        DeliveryTicket ticket = leased(Duration.ofMinutes(1));
        TakeTickets tickets = new TakeTickets(db);

        List<ClaimedDelivery> first = tickets.take(List.of(ticket, ticket), Instant.now());
        List<ClaimedDelivery> again = tickets.take(List.of(ticket), Instant.now());

        assertThat(first).hasSize(1);
        assertThat(first.get(0).leaseToken()).as("the worker's own token").isNotEqualTo(ticket.delivery().leaseToken());
        assertThat(rows.delivery(ticket.delivery().messageId()).get("lease_token"))
                .isEqualTo(first.get(0).leaseToken());
        assertThat(again).isEmpty();
    }

    @Test
    void aTicketWhoseLeaseWasReClaimedOrFinishedTakesNothing() throws Exception {
        DeliveryTicket reclaimed = leased(Duration.ofMinutes(1));
        rows.update("update delivery set lease_token = nextval('delivery_lease_token_seq') where id = ?",
                reclaimed.delivery().id());
        DeliveryTicket finished = leased(Duration.ofMinutes(1));
        rows.update("update delivery set state = 'succeeded', lease_token = null, lease_until = null where id = ?",
                finished.delivery().id());

        assertThat(new TakeTickets(db).take(List.of(reclaimed, finished), Instant.now())).isEmpty();
    }

    @Test
    void aTicketWithTooLittleLeaseLeftForAnAttemptIsGivenBackUnsent() {
        DeliveryTicket late = leased(config.timeout().dividedBy(2));

        assertThat(intake.load(List.of(late))).isEmpty();

        Map<String, Object> row = rows.delivery(late.delivery().messageId());
        assertThat(row.get("state")).isEqualTo("pending");
        assertThat(row.get("lease_token")).isNull();
        assertThat(row.get("attempts")).as("no attempt was made").isEqualTo(0);
    }

    @Test
    void inProcessDispatchStartsNoKafkaClient() {
        assertThat(config.dispatch()).isEqualTo(DispatchMode.IN_PROCESS);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("kafka-") || name.contains("smallrye-kafka"));
    }
}
