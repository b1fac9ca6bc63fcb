package dev.herald.operational;

import dev.herald.delivery.EndpointDisabled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits {@code message.attempt.recovered} for deliveries that succeeded after a resend or recover re-queued them
 * from exhausted (marked {@code was_exhausted}), and {@code message.attempt.exhausted} for exhausted deliveries whose
 * announcement the engine did not get to make (still marked {@code exhaustion_unannounced}: the instance stopped
 * between recording the attempt and emitting the event), and {@code endpoint.disabled} likewise for endpoints still
 * marked {@code disable_unannounced}. Clearing a mark and queueing its event happen in one
 * transaction, so a crash loses neither and repeats neither; {@code skip locked} lets instances share the work.
 */
@ApplicationScoped
public class RecoveryWatcher {

    private static final String JOB = "herald-recovery-watcher";
    private static final int BATCH = 100;
    private static final String TAKE_RECOVERED = """
            update delivery set was_exhausted = false
            where id in (select id from delivery where was_exhausted and state = 'succeeded'
                         order by id limit :batch for update skip locked)
            returning id, tenant_id, app_id, message_id, endpoint_id""";
    private static final String TAKE_UNANNOUNCED_DISABLED = """
            update endpoint set disable_unannounced = false
            where id in (select id from endpoint where disable_unannounced
                         order by id limit :batch for update skip locked)
            returning id, tenant_id, app_id, disabled_reason, disabled_at""";
    private static final String TAKE_UNANNOUNCED = """
            update delivery set exhaustion_unannounced = false
            where id in (select id from delivery where exhaustion_unannounced
                         order by id limit :batch for update skip locked)
            returning id, tenant_id, app_id, message_id, endpoint_id""";

    private final EntityManager em;
    private final OperationalEvents events;
    private final OperationalApp app;
    private final OperationalTriggers triggers;
    private final InstantSource clock;

    RecoveryWatcher(EntityManager em, OperationalEvents events, OperationalApp app, OperationalTriggers triggers,
            InstantSource clock) {
        this.em = em;
        this.events = events;
        this.app = app;
        this.triggers = triggers;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started, Scheduler scheduler, OperationalConfig config) {
        scheduler.newJob(JOB)
                .setInterval(config.recoveryPoll().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> poll())
                .schedule();
    }

    /** Stops polling before the database goes away. */
    void stop(@Observes ShutdownEvent stopping, Scheduler scheduler) {
        scheduler.unscheduleJob(JOB);
    }

    void poll() {
        int taken;
        do {
            taken = QuarkusTransaction.requiringNew().call(this::emitBatch);
        } while (taken == BATCH);
        do {
            taken = QuarkusTransaction.requiringNew().call(this::emitUnannouncedBatch);
        } while (taken == BATCH);
        do {
            taken = QuarkusTransaction.requiringNew().call(this::announceDisabledBatch);
        } while (taken == BATCH);
    }

    /** Takes one batch of disabled endpoints nobody announced and announces them; returns how many. */
    int announceDisabledBatch() {
        @SuppressWarnings("unchecked")
        List<Tuple> taken = em.createNativeQuery(TAKE_UNANNOUNCED_DISABLED, Tuple.class)
                .setParameter("batch", BATCH).getResultList();
        for (Tuple row : taken) {
            Object at = row.get("disabled_at");
            triggers.announce(new EndpointDisabled(row.get("tenant_id", String.class),
                    row.get("app_id", String.class), row.get("id", String.class),
                    row.get("disabled_reason", String.class),
                    at == null ? clock.instant() : (Instant) OperationalTriggers.instant(at)));
        }
        return taken.size();
    }


    /** Takes one batch of exhausted deliveries nobody announced and queues their events; returns how many. */
    int emitUnannouncedBatch() {
        return emit(TAKE_UNANNOUNCED, OperationalEvents.ATTEMPT_EXHAUSTED);
    }

    /** Takes one batch of recovered deliveries and queues their events; returns how many it took. */
    int emitBatch() {
        return emit(TAKE_RECOVERED, OperationalEvents.ATTEMPT_RECOVERED);
    }

    private int emit(String take, String type) {
        @SuppressWarnings("unchecked")
        List<Tuple> taken = em.createNativeQuery(take, Tuple.class).setParameter("batch", BATCH).getResultList();
        for (Tuple row : taken) {
            String appId = row.get("app_id", String.class);
            if (app.isOperational(appId)) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("appId", appId);
            data.put("msgId", row.get("message_id", String.class));
            data.put("endpointId", row.get("endpoint_id", String.class));
            data.put("lastAttempt", triggers.lastAttempt(((Number) row.get("id")).longValue()));
            events.emit(row.get("tenant_id", String.class), type, data, clock.instant());
        }
        return taken.size();
    }
}
