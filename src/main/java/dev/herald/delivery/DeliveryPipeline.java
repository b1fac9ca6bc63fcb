package dev.herald.delivery;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.annotations.Merge;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.InstantSource;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * The stages, linked by SmallRye Reactive Messaging channels with back-pressure: {@code delivery-claimed}
 * (dispatcher → sender, at most {@code max-in-flight} sends at once), {@code delivery-attempted} (sender →
 * recorder, batched), {@code delivery-recorded} (recorder → dispatcher, frees slots). With
 * {@code herald.dispatch=kafka} the senders are fed from the Kafka topic instead, by {@link KafkaIntake}.
 */
@ApplicationScoped
class DeliveryPipeline {

    private static final int RECORD_BATCH = 100;

    private final DeliverySender sender;
    private final RecordCompletions recorder;
    private final Dispatcher dispatcher;
    private final EndpointBackoff backoff;
    private final InstantSource clock;
    private final int maxInFlight;
    private final Duration recordLinger;

    DeliveryPipeline(DeliverySender sender, RecordCompletions recorder, Dispatcher dispatcher, EndpointBackoff backoff,
            DeliveryConfig config, InstantSource clock) {
        this.sender = sender;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        this.backoff = backoff;
        this.clock = clock;
        this.maxInFlight = config.maxInFlight();
        this.recordLinger = config.recordLinger();
    }

    @Incoming("delivery-claimed")
    @Merge // the dispatcher's in-memory emitter, and KafkaIntake when dispatch=kafka
    @Outgoing("delivery-attempted")
    Multi<Attempted> send(Multi<Outbound> claimed) {
        return claimed.onItem().transformToUni(sender::send).merge(maxInFlight)
                // at once, not when recorded: the next claim or ingest batch already leaves a paused endpoint out
                .invoke(a -> backoff.observe(a.delivery().endpointId(), a.outcome(), a.attemptedAt(), clock.instant()));
    }

    @Incoming("delivery-attempted")
    @Outgoing("delivery-recorded")
    Multi<Recorded> record(Multi<Attempted> attempted) {
        return attempted.group().intoLists().of(RECORD_BATCH, recordLinger)
                // The timed grouping emits when its timer fires, demand or not: without this buffer a slow database
                // write fails the stream (BackPressureFailure) and delivery stops. It stays small: at most
                // max-in-flight attempts exist at once.
                .onOverflow().buffer(Dispatcher.CHANNEL_BUFFER)
                .select().where(batch -> !batch.isEmpty())
                // JDBC blocks: never on the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(recorder::record);
    }

    @Incoming("delivery-recorded")
    void recorded(Recorded batch) {
        dispatcher.finished(batch);
    }
}
