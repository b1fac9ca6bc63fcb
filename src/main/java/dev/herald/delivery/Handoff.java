package dev.herald.delivery;

import java.time.Instant;
import java.util.List;

/**
 * Where the dispatcher puts the deliveries it claimed, and how many more it may claim: to this instance's own
 * senders ({@link InProcessHandoff}) or to the Kafka topic every worker reads ({@link KafkaHandoff}).
 */
interface Handoff {

    /** How many more deliveries this instance may claim now without overfilling the senders. */
    int room(Instant now) throws Exception;

    /** Takes a claimed batch whose leases run until {@code leaseUntil}; on failure the leases simply expire. */
    void take(List<ClaimedDelivery> batch, Instant now, Instant leaseUntil) throws Exception;

    /** This instance's senders finished (recorded) {@code count} deliveries. */
    void recorded(int count);
}
