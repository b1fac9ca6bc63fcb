package dev.herald.message;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

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
}
