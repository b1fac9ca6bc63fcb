package dev.herald.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The claiming loop, on one thread of its own: whenever woken (new work, a finished batch) or every poll
 * interval, it claims as many due deliveries as this instance has free in-flight slots and puts them on the
 * {@code delivery-claimed} channel. It never claims what it cannot send right away, so leases are not spent
 * waiting in a queue. All its statements are single-statement (autocommit): no transaction spans an HTTP call.
 */
@ApplicationScoped
public class Dispatcher {

    static final int CHANNEL_BUFFER = 10_000;
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryConfig config;
    private final DeliveryWakeup wakeup;
    private final ClaimDueDeliveries claims;
    private final PrepareClaimed preparation;
    private final MutinyEmitter<Outbound> claimed;
    private final DeliveryMetrics metrics;
    private final InstantSource clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private Thread loop;

    Dispatcher(DeliveryConfig config, DeliveryWakeup wakeup, ClaimDueDeliveries claims, PrepareClaimed preparation,
            @Channel("delivery-claimed") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = CHANNEL_BUFFER)
            MutinyEmitter<Outbound> claimed,
            DeliveryMetrics metrics, InstantSource clock) {
        this.config = config;
        this.wakeup = wakeup;
        this.claims = claims;
        this.preparation = preparation;
        this.claimed = claimed;
        this.metrics = metrics;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        if (config.lease().compareTo(config.timeout().plusSeconds(5)) < 0) {
            throw new IllegalStateException("herald.delivery.lease (" + config.lease()
                    + ") must exceed herald.delivery.timeout (" + config.timeout() + ") by 5 s or more, "
                    + "or slow deliveries would be sent twice");
        }
        if (config.maxInFlight() > CHANNEL_BUFFER) {
            throw new IllegalStateException("herald.delivery.max-in-flight may be at most " + CHANNEL_BUFFER);
        }
        if (!config.enabled() || !config.role().delivers()) {
            LOG.infof("Delivery is off on this instance (herald.delivery.enabled=%s, herald.delivery.role=%s)",
                    config.enabled(), config.role());
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("herald-dispatcher").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (loop != null) {
            wakeup.wake();
            loop.join(2_000);
        }
    }

    /** A batch of claimed deliveries was recorded (or given back): their slots are free again. */
    void finished(int count) {
        metrics.inFlight(inFlight.addAndGet(-count));
        wakeup.wake();
    }

    private void run() {
        while (running) {
            try {
                if (!claimOnce()) {
                    wakeup.await(config.pollInterval());
                    // Let the burst that woke us finish arriving: one claim for many messages, not one each.
                    LockSupport.parkNanos(config.claimLinger().toNanos());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.error("Claiming deliveries failed; trying again after the poll interval", e);
                try {
                    wakeup.await(config.pollInterval());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims one batch; true when it filled the batch (so there is probably more to do at once). */
    private boolean claimOnce() throws Exception {
        int wanted = Math.min(config.batchSize(), config.maxInFlight() - inFlight.get());
        if (wanted <= 0) {
            return false;
        }
        Instant now = clock.instant();
        List<ClaimedDelivery> batch = claims.claim(now, wanted, config.endpointConcurrency(),
                now.plus(config.lease()), preparation.throttledEndpoints(now));
        if (batch.isEmpty()) {
            return false;
        }
        metrics.claimed(batch.size());
        inFlight.addAndGet(batch.size());
        List<Outbound> ready;
        try {
            ready = preparation.prepare(batch, now);
        } catch (Exception e) {
            // The leases expire and the rows are claimed again: nothing is lost.
            finished(batch.size());
            throw e;
        }
        int givenBack = batch.size() - ready.size();
        if (givenBack > 0) {
            metrics.inFlight(inFlight.addAndGet(-givenBack));
        }
        metrics.inFlight(inFlight.get());
        ready.forEach(claimed::sendAndForget);
        return batch.size() == wanted;
    }
}
