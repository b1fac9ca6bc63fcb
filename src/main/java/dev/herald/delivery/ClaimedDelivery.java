package dev.herald.delivery;

import java.time.Instant;

/** A delivery this instance holds the lease of; {@code attempts} counts the attempts made before this one. */
record ClaimedDelivery(long id, long leaseToken, String tenantId, String appId, String messageId, String endpointId,
        int attempts, Instant firstAttemptAt, String trigger) {

    /** The same delivery under a new lease token (a Kafka worker took it over from its claimer). */
    ClaimedDelivery withLeaseToken(long token) {
        return new ClaimedDelivery(id, token, tenantId, appId, messageId, endpointId, attempts, firstAttemptAt, trigger);
    }
}
