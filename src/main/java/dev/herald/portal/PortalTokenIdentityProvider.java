package dev.herald.portal;

import dev.herald.auth.HeraldTokenRequest;
import dev.herald.auth.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * Turns a portal token ({@code hpt_...}) into a {@code customer} of one application. Answers null for other tokens so
 * that the next provider (API keys, admin token) sees them; a forged, expired or revoked portal token fails.
 */
@ApplicationScoped
public class PortalTokenIdentityProvider implements IdentityProvider<HeraldTokenRequest> {

    private final Verifier verifier;

    PortalTokenIdentityProvider(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<HeraldTokenRequest> getRequestType() {
        return HeraldTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(HeraldTokenRequest request, AuthenticationRequestContext context) {
        if (!request.token().startsWith(PortalTokenCodec.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return context.runBlocking(() -> verifier.identity(request.token()));
    }

    /** Checks the token off the request thread, in a request context of its own. */
    @ApplicationScoped
    public static class Verifier {

        private final PortalTokens tokens;

        Verifier(PortalTokens tokens) {
            this.tokens = tokens;
        }

        @ActivateRequestContext
        public SecurityIdentity identity(String token) {
            PortalTokenCodec.Claims claims = tokens.verify(token)
                    .orElseThrow(() -> new AuthenticationFailedException("invalid, expired or revoked portal token"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("portal:" + claims.id()))
                    .addRole(Roles.CUSTOMER)
                    .addAttribute(Roles.TENANT_ATTRIBUTE, claims.tenantId())
                    .addAttribute(Roles.APP_ATTRIBUTE, claims.appId())
                    .build();
        }
    }
}
