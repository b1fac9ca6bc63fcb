package dev.herald.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "herald.delivery")
public interface DeliveryConfig {

    /** Delay before each attempt; entry n is the wait before attempt n + 1 (the first is normally 0s). */
    @WithName("retry-schedule")
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,14h,20h,20h")
    List<Duration> retrySchedule();

    /** ± this fraction of random spread on every delay. */
    @WithDefault("0.2")
    double jitter();

    /** No attempt is planned later than this after the first attempt. */
    @WithName("max-age")
    @WithDefault("72h")
    Duration maxAge();

    /** The least wait after a timeout or a 429; scale it down with a compressed schedule. */
    @WithName("throttle-floor")
    @WithDefault("60s")
    Duration throttleFloor();

    /**
     * After a timeout or a 429, no new attempt starts to that endpoint for this long (from this instance), then one
     * trial attempt; each trial that ends the same way doubles the pause, up to the throttle floor, and any other
     * answer ends it. A 429's {@code Retry-After} lengthens the pause, within the throttle floor.
     */
    @WithName("endpoint-backoff")
    @WithDefault("1s")
    Duration endpointBackoff();

    /** Total time one attempt may take: DNS, connect, request and response. */
    @WithDefault("15s")
    Duration timeout();

    @WithName("connect-timeout")
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long a claimed delivery belongs to one instance; must exceed the timeout or it is sent twice. */
    @WithDefault("45s")
    Duration lease();

    /** Most deliveries of one endpoint in flight at once, across all instances. */
    @WithName("endpoint-concurrency")
    @WithDefault("20")
    int endpointConcurrency();

    /** Most deliveries one instance has claimed and not yet recorded (bounds concurrent sends). */
    @WithName("max-in-flight")
    // Sends are non-blocking, so slots are cheap; they must outnumber what timing-out endpoints can hold
    // (endpoint-concurrency each, for a whole timeout) or those starve the healthy ones (bench scenario 4).
    @WithDefault("1000")
    int maxInFlight();

    /**
     * Most deliveries claimed by one statement. A claim's cost is mostly per statement (planning, walking the endpoints
     * with due work, their free slots), so large batches pay: 100 → 400 took fan-out 10 from about 4,500 to 7,600
     * deliveries/s on the benchmark machine, PostgreSQL CPU per delivery 0.27 → 0.16 ms.
     */
    @WithName("batch-size")
    @WithDefault("400")
    int batchSize();

    /**
     * How long the dispatcher waits after being woken before it claims, so that a burst of new messages is
     * claimed (and recorded) as one batch rather than one statement per message. Adds at most this much latency.
     */
    @WithName("claim-linger")
    @WithDefault("5ms")
    Duration claimLinger();

    /**
     * How long finished attempts wait to be recorded together: one statement (an update and an insert) per batch of up
     * to 100 attempts. Longer means fewer, larger statements; a delivery's slot is freed this much later.
     */
    @WithName("record-linger")
    @WithDefault("5ms")
    Duration recordLinger();

    /** How often to look for due retries and expired leases when nobody wakes the dispatcher. */
    @WithName("poll-interval")
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * How long the sender keeps an endpoint's URL, headers and signing keys before reading them again. Disabling an
     * endpoint stops its deliveries at once whatever this is: leasing reads the live row.
     */
    @WithName("endpoint-cache-ttl")
    @WithDefault("1s")
    Duration endpointCacheTtl();

    /** Whether this instance sends webhooks at all. */
    @WithDefault("true")
    boolean enabled();

    /** This process's role; an {@code api} instance accepts work but never sends. */
    @WithName("role")
    @WithDefault("all")
    InstanceRole role();

    /** How claimed deliveries reach the senders: {@code in-process} or {@code kafka} (env HERALD_DISPATCH). */
    @WithDefault("in-process")
    DispatchMode dispatch();

    /** Settings used only with {@code dispatch=kafka}. */
    Kafka kafka();

    interface Kafka {

        /** The topic claimed deliveries travel on, keyed by endpoint id. */
        @WithDefault("herald-deliveries")
        String topic();

        /**
         * Partitions of the topic when Herald creates it; at least the number of workers you plan, or some workers
         * idle. An existing topic is left as it is.
         */
        @WithDefault("12")
        int partitions();

        /** Longest wait for the broker to take a claimed batch before its leases are left to expire. */
        @WithName("publish-timeout")
        @WithDefault("10s")
        Duration publishTimeout();
    }
}
