package dev.herald.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * The claiming loop, on one thread of its own: whenever woken (new work, a finished batch) or every poll
 * interval, it claims as many due deliveries as its {@link Handoff} has room for and hands them over: to this
 * instance's senders on the {@code delivery-claimed} channel (in-process), or to the Kafka topic (kafka). It never
 * claims what cannot be sent soon, so leases are not spent waiting in a queue. No transaction spans an HTTP call:
 * the claim is one short transaction (an advisory lock and one statement), everything else is autocommit.
 */
@ApplicationScoped
public class Dispatcher {

    static final int CHANNEL_BUFFER = 10_000;
    private static final int PARKED_AT_MOST = 10_000;
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryConfig config;
    private final DeliveryWakeup wakeup;
    private final ClaimDueDeliveries claims;
    private final PrepareClaimed preparation;
    private final Handoff handoff;
    private final EndpointBackoff backoff;
    private final DeliveryMetrics metrics;
    private final InstantSource clock;
    private volatile boolean running;
    /** Claimable work is probably waiting in the table: the last claim filled its batch, or had no room at all. */
    private volatile boolean backlog = true;
    /** Endpoints with due deliveries waiting only for a free slot of their own. */
    private final Set<String> parked = ConcurrentHashMap.newKeySet();
    private Thread loop;

    Dispatcher(DeliveryConfig config, DeliveryWakeup wakeup, ClaimDueDeliveries claims, PrepareClaimed preparation,
            InProcessHandoff inProcess, KafkaHandoff kafka, EndpointBackoff backoff, DeliveryMetrics metrics,
            InstantSource clock) {
        this.config = config;
        this.wakeup = wakeup;
        this.claims = claims;
        this.preparation = preparation;
        // Both are client proxies: the one not chosen is never created, nor is its channel used.
        this.handoff = config.dispatch() == DispatchMode.KAFKA ? kafka : inProcess;
        this.backoff = backoff;
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
        LOG.infof("Delivering with dispatch=%s", config.dispatch());
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

    /**
     * This instance's senders recorded a batch: their slots are free again, for due work if there is any, or for the
     * deliveries ingest queued because their endpoint had no free slot. An endpoint paused meanwhile
     * ({@link EndpointBackoff}) wakes nobody: the claim would leave it out, and the poll finds its deliveries due once
     * the pause is over (a hanging endpoint's timeouts would otherwise bring a claim each, behind the claim lock).
     */
    void finished(Recorded batch) {
        handoff.recorded(batch.count());
        boolean unparked = false;
        if (!parked.isEmpty()) {
            Instant now = clock.instant();
            for (String endpointId : batch.endpointIds()) {
                unparked |= parked.remove(endpointId) && !backoff.holds(endpointId, now);
            }
        }
        if (backlog || unparked) {
            wakeup.wake();
        }
    }

    /**
     * Deliveries of these endpoints were queued because the endpoints had no free in-flight slot: claiming them now
     * would find them still full, so the claim waits until one of their deliveries is recorded.
     */
    void parked(Collection<String> endpointIds) {
        parked.addAll(endpointIds);
    }

    /**
     * Whether this instance's senders take fresh deliveries straight from ingest: only while the dispatcher has
     * nothing due waiting, so that fresh work never overtakes retries and queued work (which the claim serves
     * fairly, endpoint by endpoint).
     */
    boolean takesFresh() {
        return running && !backlog && leasesFresh();
    }

    /** Whether this instance ever takes fresh deliveries ({@link #takesFresh}): it delivers, in-process. */
    boolean leasesFresh() {
        return config.enabled() && config.role().delivers() && config.dispatch() == DispatchMode.IN_PROCESS;
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
        Instant now = clock.instant();
        int wanted = Math.min(config.batchSize(), handoff.room(now));
        if (wanted <= 0) {
            backlog = true; // a freed slot wakes us
            return false;
        }
        Instant leaseUntil = now.plus(config.lease());
        ClaimDueDeliveries.Claim claim = claims.claim(now, wanted, config.endpointConcurrency(), leaseUntil,
                preparation.throttledEndpoints(now), backoff.onTrial(now), !backlog);
        List<ClaimedDelivery> batch = claim.deliveries();
        // A full batch: more is probably due at once. Otherwise whatever is still due waits for a slot of its own
        // endpoint (or a rate-limit token): those endpoints are parked, and a recorded delivery of one of them wakes
        // the next claim. (Whether a claim found anything says nothing: the one before may have taken the slots.)
        backlog = batch.size() == wanted;
        if (!backlog && claim.anythingDue()) {
            if (parked.size() > PARKED_AT_MOST) {
                parked.clear(); // endpoints deleted meanwhile; the poll serves whatever this forgets
            }
            parked.addAll(claims.blockedEndpoints(now));
        }
        if (batch.isEmpty()) {
            return false;
        }
        metrics.claimed(batch.size());
        handoff.take(batch, now, leaseUntil);
        return batch.size() == wanted;
    }
}
