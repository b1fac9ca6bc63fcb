package dev.herald.operational;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

@ConfigMapping(prefix = "herald.operational")
public interface OperationalConfig {

    /** How often to look for re-queued exhausted deliveries that have since succeeded (message.attempt.recovered). */
    @WithName("recovery-poll")
    @WithDefault("2s")
    Duration recoveryPoll();
}
