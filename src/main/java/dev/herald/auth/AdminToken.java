package dev.herald.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The platform admin's token: configured, or in dev mode generated at start and printed with how to use it.
 */
@ApplicationScoped
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);

    private final Optional<String> token;
    private final int port;

    AdminToken(AuthConfig config, LaunchMode mode, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.port = port;
        this.token = config.token().filter(t -> !t.isBlank())
                .or(() -> mode == LaunchMode.DEVELOPMENT ? Optional.of(TokenHash.newToken("hadm_")) : Optional.empty());
    }

    void announce(@Observes StartupEvent started, LaunchMode mode) {
        if (mode == LaunchMode.TEST) {
            return;
        }
        if (token.isEmpty()) {
            LOG.warn("herald.admin.token (HERALD_ADMIN_TOKEN) is not set: the platform admin API refuses every call");
            return;
        }
        String shown = mode == LaunchMode.DEVELOPMENT ? token.get() : "<the value of HERALD_ADMIN_TOKEN>";
        LOG.infof("""
                Herald listens on http://localhost:%d (API under /api/v1, health /q/health, metrics /q/metrics).
                Platform admin token: %s
                First tenant:  curl -s -X POST localhost:%d/api/v1/tenants -H 'Authorization: Bearer %s' \
                -H 'Content-Type: application/json' -d '{"name":"Acme"}'""", port, shown, port, shown);
    }

    public boolean matches(String presented) {
        return token.isPresent() && TokenHash.same(token.get(), presented);
    }
}
