package dev.herald.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a real Keycloak with deploy/keycloak/herald-realm.json and points Herald's OIDC at it: the bearer-token
 * tenant and the {@code web} tenant of the browser sign-in (herald.web.oidc-login). Only suites run
 * with {@link KeycloakProfile} start it; Quarkus runs those suites together, so one Keycloak serves them all.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    private static KeycloakServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = KeycloakServer.start(Path.of("target", "keycloak"),
                    Path.of("deploy", "keycloak", "herald-realm.json"));
        }
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", server.realmUrl(),
                "quarkus.oidc.web.tenant-enabled", "true",
                "quarkus.oidc.web.auth-server-url", server.realmUrl(),
                "herald.web.oidc-login", "true",
                "test.keycloak.token-url", server.tokenUrl());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
