package dev.herald.portal;

import dev.herald.auth.HeraldTokenRequest;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The portal's session: the {@code herald_portal} cookie holds the portal token the customer's link carried, so the
 * session is exactly as long-lived and as revocable as that token ({@link PortalTokenIdentityProvider} checks both).
 * Only portal pages read it. A token that no longer works makes the visitor anonymous, and the page says so.
 */
@ApplicationScoped
public class PortalSessionMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "herald_portal";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String path = context.normalizedPath();
        if (!path.equals("/portal") && !path.startsWith("/portal/")) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || !cookie.getValue().startsWith(PortalTokenCodec.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new HeraldTokenRequest(cookie.getValue()))
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(HeraldTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }
}
