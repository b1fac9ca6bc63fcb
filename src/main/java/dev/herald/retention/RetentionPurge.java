package dev.herald.retention;

import dev.herald.message.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.jboss.logging.Logger;

/**
 * Removes what is older than {@code herald.retention}: attempts, then messages (their deliveries and attempts go
 * with them by cascade), and idempotency keys older than {@code herald.ingest.idempotency-window} (24 h). Every statement deletes at most {@link #BATCH} rows
 * in a transaction of its own, so row locks are few and short and the delivery engine never waits on the purge.
 * A message with a delivery still pending or in flight is kept, however old. Running on several instances at once
 * is harmless: the deletes are idempotent.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    static final int BATCH = 1000;

    private static final String DELETE_ATTEMPTS = """
            delete from attempt where id in (
                select id from attempt where attempted_at < :cutoff limit :batch)
            """;
    private static final String DELETE_MESSAGES = """
            delete from message where id in (
                select m.id from message m
                where m.created_at < :cutoff
                  and not exists (select 1 from delivery d
                                  where d.message_id = m.id and d.state in ('pending', 'sending'))
                limit :batch)
            """;
    private static final String DELETE_IDEMPOTENCY_KEYS = """
            delete from idempotency_key where (tenant_id, key) in (
                select tenant_id, key from idempotency_key where created_at < :cutoff limit :batch)
            """;

    private final EntityManager em;
    private final RetentionConfig config;
    private final Duration idempotencyWindow;
    private final InstantSource clock;

    RetentionPurge(EntityManager em, RetentionConfig config, IngestConfig ingest, InstantSource clock) {
        this.em = em;
        this.config = config;
        this.idempotencyWindow = ingest.idempotencyWindow();
        this.clock = clock;
    }

    public record Purged(long attempts, long messages, long idempotencyKeys) {
    }

    @Scheduled(every = "${herald.retention.interval:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Purged purged = purge(clock.instant());
        if (purged.attempts() + purged.messages() + purged.idempotencyKeys() > 0) {
            LOG.infof("Retention purge removed %d attempts, %d messages and %d idempotency keys",
                    purged.attempts(), purged.messages(), purged.idempotencyKeys());
        }
    }

    /** Purges everything that is expired as of {@code now}; callable directly (tests, operators). */
    public Purged purge(Instant now) {
        Instant cutoff = now.minus(config.period());
        long attempts = inBatches(DELETE_ATTEMPTS, cutoff);
        long messages = inBatches(DELETE_MESSAGES, cutoff);
        long keys = inBatches(DELETE_IDEMPOTENCY_KEYS, now.minus(idempotencyWindow));
        return new Purged(attempts, messages, keys);
    }

    private long inBatches(String sql, Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                    .setParameter("cutoff", Timestamp.from(cutoff))
                    .setParameter("batch", BATCH)
                    .executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
