package dev.herald.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;

@ConfigMapping(prefix = "herald.retention")
public interface RetentionConfig {

    /** {@code herald.retention}: how long messages (with their deliveries) and attempts are kept. */
    @WithParentName
    @WithDefault("30d")
    Duration period();

    /** {@code herald.retention.interval}: how often the purge runs. */
    @WithDefault("15m")
    Duration interval();
}
