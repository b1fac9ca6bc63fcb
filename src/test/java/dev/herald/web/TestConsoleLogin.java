package dev.herald.web;

import dev.herald.auth.Roles;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Test-only sign-in for the console, standing in for the Keycloak code flow: the cookie
 * {@code herald_test_login=<name>~<role>~<tenant>.<tenant>} makes the browser that person on {@code /console} pages.
 * It lives in src/test, so it never ships.
 */
@ApplicationScoped
public class TestConsoleLogin implements HttpAuthenticationMechanism {

    static final String COOKIE = "herald_test_login";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || !context.normalizedPath().startsWith("/console")) {
            return Uni.createFrom().nullItem();
        }
        String[] parts = cookie.getValue().split("~");
        List<String> tenants = List.of(parts[2].split("\\."));
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(parts[0]))
                .addRole(parts[1])
                .addAttribute(Roles.TENANT_ATTRIBUTE, tenants.getFirst())
                .addAttribute(Roles.TENANTS_ATTRIBUTE, Set.copyOf(tenants))
                .build());
    }

    static String value(String name, String role, String... tenants) {
        return name + "~" + role + "~" + String.join(".", tenants);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 400;
    }
}
