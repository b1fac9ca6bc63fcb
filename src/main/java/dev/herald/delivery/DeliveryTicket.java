package dev.herald.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * A claimed delivery as it travels on the Kafka topic: ids, attempt history and the lease, never a secret or a
 * payload (the worker reads those from PostgreSQL when it takes the ticket).
 */
record DeliveryTicket(ClaimedDelivery delivery, Instant leaseUntil) {

    /** Whether an attempt started at {@code now} can finish, timeout included, while the lease still holds. */
    boolean leavesTimeFor(Duration attemptTimeout, Instant now) {
        return now.plus(attemptTimeout).isBefore(leaseUntil);
    }
}
