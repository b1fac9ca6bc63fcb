package dev.herald.delivery;

import java.time.Instant;

/** A delivery this instance holds the lease of; {@code attempts} counts the attempts made before this one. */
record ClaimedDelivery(long id, long leaseToken, String tenantId, String appId, String messageId, String endpointId,
        int attempts, Instant firstAttemptAt, String trigger) {
}
