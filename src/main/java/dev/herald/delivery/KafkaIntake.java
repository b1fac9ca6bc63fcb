package dev.herald.delivery;

import dev.herald.delivery.RecordAttempts.Settlement;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * A worker's side of {@code herald.dispatch=kafka}: reads tickets from the topic (a poll's worth at a time), takes
 * them over in PostgreSQL ({@link TakeTickets}: a stale or duplicate ticket takes nothing and is dropped), loads
 * endpoint, keys and body, and hands them to the same senders the in-process mode uses. Kafka offsets are committed
 * as tickets arrive: PostgreSQL, not Kafka, makes delivery at-least-once (a ticket lost with a killed worker comes
 * back when its lease expires and its claimer's successor publishes it again). A ticket whose lease leaves no room
 * for a whole attempt is given back unsent.
 */
@ApplicationScoped
class KafkaIntake {

    private static final Logger LOG = Logger.getLogger(KafkaIntake.class);

    private final PrepareClaimed preparation;
    private final RecordAttempts records;
    private final TakeTickets tickets;
    private final InstantSource clock;
    private final Duration timeout;

    KafkaIntake(PrepareClaimed preparation, RecordAttempts records, DataSource db, InstantSource clock,
            DeliveryConfig config) {
        this.preparation = preparation;
        this.records = records;
        this.tickets = new TakeTickets(db);
        this.clock = clock;
        this.timeout = config.timeout();
    }

    /** A delivery this worker took over, ready to send while its lease leaves time for an attempt. */
    record Taken(Outbound outbound, Instant leaseUntil) {
    }

    @Incoming("delivery-queued")
    @Outgoing("delivery-claimed")
    Multi<Outbound> intake(Multi<List<DeliveryTicket>> polls) {
        return polls
                // JDBC blocks: never on the Kafka consumer's event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(this::load)
                .concatMap(ready -> Multi.createFrom().iterable(ready))
                // Checked again when a sender is free (taken deliveries may wait for one): an attempt must end
                // inside its lease, or the delivery could be claimed and sent by another instance at the same time.
                // A late one is left to its lease, which ends within one timeout.
                .filter(taken -> new DeliveryTicket(taken.outbound().delivery(), taken.leaseUntil())
                        .leavesTimeFor(timeout, clock.instant()))
                .map(Taken::outbound);
    }

    List<Taken> load(List<DeliveryTicket> polled) {
        Instant now = clock.instant();
        List<DeliveryTicket> fresh = new ArrayList<>(polled.size());
        List<Settlement> late = new ArrayList<>();
        for (DeliveryTicket ticket : polled) {
            if (ticket == null || ticket.delivery() == null || ticket.leaseUntil() == null) {
                continue; // not a ticket (unreadable record): nothing to take
            }
            if (ticket.leavesTimeFor(timeout, now)) {
                fresh.add(ticket);
            } else {
                // Guarded by the lease token: a no-op when someone else holds the delivery by now.
                late.add(new Settlement(ticket.delivery().id(), ticket.delivery().leaseToken(), DeliveryState.PENDING,
                        now, null));
            }
        }
        try {
            records.settle(late, now);
            Map<Long, Instant> leases = fresh.stream()
                    .collect(Collectors.toMap(t -> t.delivery().id(), DeliveryTicket::leaseUntil, (x, y) -> x));
            return preparation.load(tickets.take(fresh, now), now).stream()
                    .map(outbound -> new Taken(outbound, leases.get(outbound.delivery().id())))
                    .toList();
        } catch (Exception e) {
            LOG.errorf(e, "Could not take %d deliveries from Kafka; their leases will expire and they will be "
                    + "published again", polled.size());
            return List.of();
        }
    }
}
