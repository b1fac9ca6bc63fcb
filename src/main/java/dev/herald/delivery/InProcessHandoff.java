package dev.herald.delivery;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The default: claimed deliveries go straight to this instance's senders on the in-memory
 * {@code delivery-claimed} channel. It claims no more than it has free in-flight slots, so leases are not spent
 * waiting in a queue.
 */
@ApplicationScoped
class InProcessHandoff implements Handoff {

    private final PrepareClaimed preparation;
    private final MutinyEmitter<Outbound> claimed;
    private final DeliveryMetrics metrics;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    InProcessHandoff(PrepareClaimed preparation,
            @Channel("delivery-claimed") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                    bufferSize = Dispatcher.CHANNEL_BUFFER) MutinyEmitter<Outbound> claimed,
            DeliveryMetrics metrics, DeliveryConfig config) {
        this.preparation = preparation;
        this.claimed = claimed;
        this.metrics = metrics;
        this.maxInFlight = config.maxInFlight();
    }

    @Override
    public int room(Instant now) {
        return maxInFlight - inFlight.get();
    }

    @Override
    public void take(List<ClaimedDelivery> batch, Instant now, Instant leaseUntil) throws Exception {
        inFlight.addAndGet(batch.size());
        List<Outbound> ready;
        try {
            ready = preparation.prepare(batch, now);
        } catch (Exception e) {
            // The leases expire and the rows are claimed again: nothing is lost.
            recorded(batch.size());
            throw e;
        }
        int givenBack = batch.size() - ready.size();
        metrics.inFlight(inFlight.addAndGet(-givenBack));
        ready.forEach(claimed::sendAndForget);
    }

    /**
     * Ingest leased {@code count} fresh deliveries for this instance (under the claim lock, before its commit): they
     * take slots now, whether or not the commit goes through ({@link #recorded} gives them back if it does not).
     */
    void leased(int count) {
        metrics.inFlight(inFlight.addAndGet(count));
    }

    /** Sends deliveries ingest leased and committed; their slots were taken by {@link #leased}. */
    void takeFresh(List<ClaimedDelivery> leased, Map<String, byte[]> bodies, Instant now) throws Exception {
        List<Outbound> ready;
        try {
            ready = preparation.prepareFresh(leased, bodies, now);
        } catch (Exception e) {
            recorded(leased.size());
            throw e;
        }
        metrics.inFlight(inFlight.addAndGet(ready.size() - leased.size()));
        ready.forEach(claimed::sendAndForget);
    }

    @Override
    public void recorded(int count) {
        metrics.inFlight(inFlight.addAndGet(-count));
    }
}
