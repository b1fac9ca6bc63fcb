package dev.herald.delivery;

import java.time.Instant;
import java.util.Map;

/** One finished HTTP attempt, the item on the {@code delivery-attempted} channel. */
record Attempted(ClaimedDelivery delivery, AttemptOutcome outcome, Instant attemptedAt, long durationMs,
        Map<String, String> requestHeaders, String responseExcerpt) {
}
