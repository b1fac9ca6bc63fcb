package dev.herald.endpoint;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "herald")
public interface EndpointConfig {

    Endpoints endpoints();

    Ssrf ssrf();

    interface Endpoints {
        /** Whether plain-http endpoint URLs are accepted (true in dev and test, false in prod). */
        @WithName("allow-http")
        @WithDefault("false")
        boolean allowHttp();

        /** How long every delivery of an endpoint must have failed, with one exhausted, before it is disabled. */
        @WithName("disable-after")
        @WithDefault("72h")
        Duration disableAfter();
    }

    interface Ssrf {
        /** CIDR ranges exempt from the SSRF guard, e.g. an internal network the provider trusts. */
        Optional<List<String>> allowlist();
    }
}
