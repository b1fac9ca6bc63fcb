package dev.herald.delivery;

import dev.herald.delivery.RecordAttempts.Completion;
import dev.herald.id.PrefixedId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Decides what each attempt means for its delivery (succeeded, retry at a time from the schedule, exhausted),
 * stores a batch of them at once, then applies the endpoint rules and announces exhaustion. A database failure
 * here loses nothing: the leases expire and the deliveries are sent again.
 */
@ApplicationScoped
class RecordCompletions {

    private static final Logger LOG = Logger.getLogger(RecordCompletions.class);

    private final RecordAttempts records;
    private final EndpointHealth endpoints;
    private final RetrySchedule schedule;
    private final DeliveryMetrics metrics;
    private final Event<DeliveryExhausted> exhaustedEvents;
    private final InstantSource clock;

    RecordCompletions(RecordAttempts records, EndpointHealth endpoints, DeliveryConfig config,
            DeliveryMetrics metrics, Event<DeliveryExhausted> exhaustedEvents, InstantSource clock) {
        this.records = records;
        this.endpoints = endpoints;
        this.schedule = new RetrySchedule(config.retrySchedule(), config.maxAge(), config.throttleFloor(),
                config.jitter(), new Random());
        this.metrics = metrics;
        this.exhaustedEvents = exhaustedEvents;
        this.clock = clock;
    }

    /** Stores the batch; returns the in-flight slots it frees. */
    Recorded record(List<Attempted> batch) {
        try {
            Instant now = clock.instant();
            List<Completion> completions = batch.stream().map(attempt -> completion(attempt, now)).toList();
            Set<Long> applied = records.complete(completions);
            Set<String> failing = new HashSet<>();
            Set<String> healthy = new HashSet<>();
            List<Completion> exhausted = new ArrayList<>();
            for (Completion completion : completions) {
                Attempted attempt = completion.attempt();
                if (!applied.contains(attempt.delivery().id())) {
                    LOG.debugf("Ignored the attempt on delivery %d: its lease was lost", attempt.delivery().id());
                    continue;
                }
                metrics.attempt(attempt.durationMs());
                metrics.delivery(completion.next() == DeliveryState.PENDING ? "failed" : completion.next().dbValue());
                (attempt.outcome().succeeded() ? healthy : failing).add(attempt.delivery().endpointId());
                if (completion.next() == DeliveryState.EXHAUSTED) {
                    exhausted.add(completion);
                }
            }
            healthy.removeAll(failing);
            endpoints.track(failing, healthy, now);
            for (Completion completion : completions) {
                Attempted attempt = completion.attempt();
                if (applied.contains(attempt.delivery().id()) && attempt.outcome().disablesEndpoint()) {
                    endpoints.disable(attempt.delivery().endpointId(), "the endpoint answered 410 Gone", now);
                }
            }
            for (Completion completion : exhausted) {
                announceExhausted(completion.attempt(), now);
            }
        } catch (Exception e) {
            LOG.errorf(e, "Could not record %d attempts; their leases will expire and they will be sent again",
                    batch.size());
        }
        Set<String> endpointIds = new HashSet<>();
        batch.forEach(attempt -> endpointIds.add(attempt.delivery().endpointId()));
        return new Recorded(batch.size(), endpointIds);
    }

    private Completion completion(Attempted attempt, Instant now) {
        ClaimedDelivery delivery = attempt.delivery();
        String attemptId = PrefixedId.next("atmpt");
        if (attempt.outcome().succeeded()) {
            return new Completion(attempt, attemptId, DeliveryState.SUCCEEDED, null);
        }
        int made = delivery.attempts() + 1;
        Instant first = delivery.firstAttemptAt() == null ? attempt.attemptedAt() : delivery.firstAttemptAt();
        // A manual attempt (resend, recover) never extends an exhausted delivery's schedule on its own.
        Optional<Instant> next = schedule.nextAttempt(made, first, now, attempt.outcome());
        return next.map(at -> new Completion(attempt, attemptId, DeliveryState.PENDING, at))
                .orElseGet(() -> new Completion(attempt, attemptId, DeliveryState.EXHAUSTED, null));
    }

    private void announceExhausted(Attempted attempt, Instant now) throws Exception {
        ClaimedDelivery delivery = attempt.delivery();
        LOG.infof("Delivery of message %s to endpoint %s is exhausted after %d attempts", delivery.messageId(),
                delivery.endpointId(), delivery.attempts() + 1);
        try {
            exhaustedEvents.fire(new DeliveryExhausted(delivery.tenantId(), delivery.appId(), delivery.endpointId(),
                    delivery.messageId(), delivery.id(), delivery.attempts() + 1, attempt.outcome().statusCode(),
                    attempt.outcome().errorDetail(), now));
        } catch (RuntimeException observerFailed) {
            LOG.error("An observer of DeliveryExhausted failed", observerFailed);
        }
        endpoints.exhaustedOn(delivery.endpointId(), now);
    }
}
