package dev.herald.delivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * With {@code herald.dispatch=kafka}: claimed deliveries are published to the topic, keyed by endpoint id (so one
 * endpoint's deliveries stay on one partition), and any worker sends them. Rate limits and disabled endpoints are
 * settled here, before publishing. Back-pressure: this instance keeps at most {@code max-in-flight} deliveries
 * published and unfinished, counted from PostgreSQL, so the cluster never queues more than its workers can send
 * within a lease.
 */
@ApplicationScoped
class KafkaHandoff implements Handoff {

    private final PrepareClaimed preparation;
    private final MutinyEmitter<Record<String, DeliveryTicket>> topic;
    private final DeliveryMetrics metrics;
    private final OutstandingClaims outstanding;
    private final int maxInFlight;
    private final Duration publishTimeout;

    KafkaHandoff(PrepareClaimed preparation,
            @Channel("delivery-published") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                    bufferSize = Dispatcher.CHANNEL_BUFFER) MutinyEmitter<Record<String, DeliveryTicket>> topic,
            DeliveryMetrics metrics, DeliveryConfig config, DataSource db) {
        this.preparation = preparation;
        this.topic = topic;
        this.metrics = metrics;
        this.outstanding = new OutstandingClaims(db);
        this.maxInFlight = config.maxInFlight();
        this.publishTimeout = config.kafka().publishTimeout();
    }

    @Override
    public int room(Instant now) throws Exception {
        int held = outstanding.refresh(now);
        metrics.inFlight(held);
        return maxInFlight - held;
    }

    @Override
    public void take(List<ClaimedDelivery> batch, Instant now, Instant leaseUntil) throws Exception {
        List<ClaimedDelivery> admitted = preparation.admit(batch, now);
        if (admitted.isEmpty()) {
            return;
        }
        // Counted before publishing: if the broker fails us, they stay outstanding until their leases expire, which
        // keeps this instance from claiming more while the broker is away.
        outstanding.add(admitted);
        metrics.inFlight(outstanding.size());
        List<Uni<Void>> sends = admitted.stream()
                .map(d -> topic.send(Record.of(d.endpointId(), new DeliveryTicket(d, leaseUntil))))
                .toList();
        Uni.join().all(sends).andCollectFailures().await().atMost(publishTimeout);
    }

    @Override
    public void recorded(int count) {
        // Slots free up when any worker records; room() asks PostgreSQL.
    }
}
