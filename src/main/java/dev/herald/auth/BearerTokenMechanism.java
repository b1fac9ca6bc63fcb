package dev.herald.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>} and hands Herald's own tokens to Herald's identity providers. A JWT
 * (three dot-separated segments) is not Herald's: this mechanism steps aside (answers null) so that the OIDC
 * mechanism, which runs after it, validates it against the identity provider.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    /** Above the OIDC mechanism's default, so Herald sees the header first and can step aside for JWTs. */
    static final int PRIORITY = DEFAULT_PRIORITY + 1000;

    private static final String PREFIX = "bearer ";

    private final AdminToken adminToken;

    BearerTokenMechanism(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context.request().getHeader("Authorization"));
        if (token == null || isJwt(token) && !adminToken.matches(token)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new HeraldTokenRequest(token));
    }

    static String bearerToken(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? null : token;
    }

    /** A compact JWS: header.payload.signature, the first two base64url JSON objects ({@code eyJ} = {@code {"}). */
    static boolean isJwt(String token) {
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 && parts[0].startsWith("eyJ") && parts[1].startsWith("eyJ");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String path = context.normalizedPath();
        if ((path.startsWith("/console") || path.startsWith("/portal"))
                && context.request().getHeader("Authorization") == null) {
            // A person in a browser: the web OIDC tenant's sign-in redirect answers, not a Bearer challenge.
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(HeraldTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
