package dev.herald.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "herald.admin")
public interface AuthConfig {

    /** The platform admin's bearer token. Unset in dev mode: a random one is generated and printed. */
    Optional<String> token();
}
