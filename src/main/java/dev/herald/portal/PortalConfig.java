package dev.herald.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "herald.portal")
public interface PortalConfig {

    /** How long a portal token issued to a customer stays valid. */
    @WithName("token-ttl")
    @WithDefault("1h")
    Duration tokenTtl();

    /** Where the portal is served; the portal URL is {@code <base-url>/<app id>#token=<token>}. */
    @WithName("base-url")
    @WithDefault("http://localhost:8080/portal")
    String baseUrl();

    /**
     * Base64 of at least 32 bytes: the HMAC-SHA256 key that signs portal tokens. Unset: derived from
     * {@code herald.secrets.master-key}, so every instance sharing the master key accepts the others' tokens.
     */
    @WithName("signing-key")
    Optional<String> signingKey();
}
