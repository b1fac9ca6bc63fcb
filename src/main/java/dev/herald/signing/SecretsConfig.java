package dev.herald.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "herald.secrets")
public interface SecretsConfig {

    /** Base64 of 32 bytes: the AES-256 key that encrypts endpoint secrets at rest. */
    @WithName("master-key")
    Optional<String> masterKey();

    /** How long a rotated-out secret keeps signing beside the new one. */
    @WithName("rotation-overlap")
    @WithDefault("24h")
    Duration rotationOverlap();
}
