package dev.herald.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-endpoint rate limits ({@code endpoint.rate_limit} deliveries per second) as token buckets holding up to one
 * second of tokens. Per instance: with n instances an endpoint may see up to n times its limit in a burst.
 */
final class TokenBuckets {

    private static final class Bucket {
        double tokens;
        Instant refilledAt;
        int ratePerSecond;
    }

    private final Map<String, Bucket> buckets = new HashMap<>();

    /** Takes a token; when there is none, returns when the next one will be there. */
    synchronized Optional<Instant> take(String endpointId, Integer ratePerSecond, Instant now) {
        if (ratePerSecond == null || ratePerSecond <= 0) {
            buckets.remove(endpointId);
            return Optional.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(endpointId, id -> {
            Bucket fresh = new Bucket();
            fresh.tokens = ratePerSecond;
            fresh.refilledAt = now;
            return fresh;
        });
        bucket.ratePerSecond = ratePerSecond;
        refill(bucket, now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        long waitNanos = (long) Math.ceil((1 - bucket.tokens) * 1_000_000_000d / ratePerSecond);
        return Optional.of(now.plus(Duration.ofNanos(waitNanos)));
    }

    /** Endpoints with no token right now (the claim skips them); full buckets are forgotten. */
    synchronized List<String> empty(Instant now) {
        buckets.values().forEach(bucket -> refill(bucket, now));
        buckets.values().removeIf(bucket -> bucket.tokens >= bucket.ratePerSecond);
        return buckets.entrySet().stream().filter(e -> e.getValue().tokens < 1).map(Map.Entry::getKey).toList();
    }

    private static void refill(Bucket bucket, Instant now) {
        double elapsed = Duration.between(bucket.refilledAt, now).toNanos() / 1_000_000_000d;
        if (elapsed > 0) {
            bucket.tokens = Math.min(bucket.ratePerSecond, bucket.tokens + elapsed * bucket.ratePerSecond);
            bucket.refilledAt = now;
        }
    }
}
