package dev.herald.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

@ConfigMapping(prefix = "herald.api-keys")
public interface TenantConfig {

    /**
     * How long an instance trusts an API key it has looked up before reading it again. A revocation is effective
     * at once on the instance that revoked it and within this time on every other; 0s turns the cache off.
     */
    @WithName("cache-ttl")
    @WithDefault("5s")
    Duration cacheTtl();
}
