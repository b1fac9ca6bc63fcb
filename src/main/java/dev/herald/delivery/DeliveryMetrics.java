package dev.herald.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The delivery engine's Prometheus metrics; all cheap (no query at scrape time). */
@ApplicationScoped
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Timer attemptLatency;
    private final DistributionSummary claimBatch;
    private final Counter endpointsDisabled;
    private final AtomicLong queueLagMillis = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.attemptLatency = Timer.builder("herald.attempt.duration").description("HTTP attempt latency")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        this.claimBatch = DistributionSummary.builder("herald.delivery.claim.batch")
                .description("Deliveries claimed per statement").register(registry);
        this.endpointsDisabled = Counter.builder("herald.endpoints.disabled")
                .description("Endpoints disabled by the delivery engine").register(registry);
        registry.gauge("herald.delivery.queue.lag.seconds", queueLagMillis, lag -> lag.get() / 1000d);
        registry.gauge("herald.delivery.in.flight", inFlight);
    }

    /** Outcome of an attempt: succeeded, failed (will retry), exhausted; or cancelled. */
    void delivery(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("herald.deliveries").tag("outcome", o)
                .description("Delivery attempts and final states by outcome").register(registry)).increment();
    }

    void attempt(long durationMs) {
        attemptLatency.record(Duration.ofMillis(durationMs));
    }

    void claimed(int count) {
        claimBatch.record(count);
    }

    void endpointDisabled() {
        endpointsDisabled.increment();
    }

    void queueLag(Duration lag) {
        queueLagMillis.set(lag.toMillis());
    }

    void inFlight(int count) {
        inFlight.set(count);
    }
}
