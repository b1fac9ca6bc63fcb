package dev.herald.auth;

import dev.herald.signing.SecretBox;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the console's and portal's Keycloak sign-in (the {@code web} OIDC tenant) a session-cookie encryption secret
 * derived from the master key. Without one, Quarkus picks a random secret per process for this public client, so
 * every restart signs everyone out and, behind a load balancer with several API replicas, a session cookie made by
 * one replica is unreadable to the next. Registered in META-INF/services; its ordinal puts it above
 * application.properties and below environment variables, so an explicit
 * {@code QUARKUS_OIDC_WEB_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET} still wins. Without a configured master key (local
 * runs) it adds nothing.
 */
public class WebSessionSecret implements ConfigSourceFactory {

    static final String PROPERTY = "quarkus.oidc.web.token-state-manager.encryption-secret";
    static final String PURPOSE = "herald-oidc-web-session-v1";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue masterKey = context.getValue("herald.secrets.master-key");
        if (masterKey == null || masterKey.getValue() == null || masterKey.getValue().isBlank()
                || masterKey.getValue().contains("${")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(PROPERTY, derive(masterKey.getValue())),
                "herald-web-session-secret", 275));
    }

    /** The secret for a base64 master key: HMAC-SHA256 of the purpose, base64 (44 characters, 32 bytes). */
    static String derive(String masterKey) {
        byte[] key = Base64.getDecoder().decode(masterKey.strip());
        return Base64.getEncoder().encodeToString(new SecretBox(key).derive(PURPOSE));
    }
}
