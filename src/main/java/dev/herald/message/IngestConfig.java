package dev.herald.message;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "herald.ingest")
public interface IngestConfig {

    /** Largest payload accepted, in bytes of its compact JSON form. */
    @WithName("max-payload")
    @WithDefault("262144")
    int maxPayload();

    /** How long an Idempotency-Key answers with the message it first created. */
    @WithName("idempotency-window")
    @WithDefault("24h")
    Duration idempotencyWindow();

    /** Whether concurrent messages without an Idempotency-Key share one transaction and commit (group commit). */
    @WithName("group-commit")
    @WithDefault("true")
    boolean groupCommit();

    /**
     * Threads writing group-commit batches (with two, the next batch is written while the other waits for its
     * commit). Unset: one on an instance that also delivers in-process (its batches lease their deliveries behind the claim lock, held
     * through the commit, so a second writer mostly waits for the first and halves the batches), two otherwise.
     */
    Optional<Integer> writers();

    /** Most messages in one group commit. */
    @WithName("batch-size")
    @WithDefault("500")
    int batchSize();

    /**
     * How long ingest trusts what it last read about an application and event type before asking again. Exactness
     * does not depend on it: the group commit re-checks both in its insert.
     */
    @WithName("lookup-cache-ttl")
    @WithDefault("5s")
    Duration lookupCacheTtl();
}
