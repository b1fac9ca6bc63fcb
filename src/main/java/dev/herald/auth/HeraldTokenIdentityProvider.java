package dev.herald.auth;

import dev.herald.tenant.ActiveApiKeys;
import dev.herald.tenant.ApiKey;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the platform admin token and tenant API keys ({@code hk_...}) into identities, and refuses every other
 * Herald token. It runs last among the providers of {@link HeraldTokenRequest}s: others (portal tokens) answer null
 * for tokens that are not theirs.
 */
@ApplicationScoped
public class HeraldTokenIdentityProvider implements IdentityProvider<HeraldTokenRequest> {

    private final AdminToken adminToken;
    private final ApiKeyLookup apiKeys;

    HeraldTokenIdentityProvider(AdminToken adminToken, ApiKeyLookup apiKeys) {
        this.adminToken = adminToken;
        this.apiKeys = apiKeys;
    }

    @Override
    public Class<HeraldTokenRequest> getRequestType() {
        return HeraldTokenRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_LAST;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(HeraldTokenRequest request, AuthenticationRequestContext context) {
        String token = request.token();
        if (adminToken.matches(token)) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("platform-admin"))
                    .addRole(Roles.PLATFORM_ADMIN)
                    .build());
        }
        if (!token.startsWith(ApiKey.TOKEN_PREFIX)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown token"));
        }
        // A key seen within the cache TTL needs no thread hop: ingest stays on the event loop end to end.
        ApiKey cached = apiKeys.cached(token);
        if (cached != null) {
            return Uni.createFrom().item(identity(cached));
        }
        return context.runBlocking(() -> {
            ApiKey key = apiKeys.active(token);
            if (key == null) {
                throw new AuthenticationFailedException("unknown or revoked API key");
            }
            return identity(key);
        });
    }

    private static SecurityIdentity identity(ApiKey key) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.id))
                .addRole(Roles.TENANT_ADMIN)
                .addAttribute(Roles.TENANT_ATTRIBUTE, key.tenantId)
                .build();
    }

    /** Finds API keys off the request thread (a cached, plain JDBC lookup: no ORM session needed). */
    @ApplicationScoped
    public static class ApiKeyLookup {

        private final ActiveApiKeys keys;

        ApiKeyLookup(ActiveApiKeys keys) {
            this.keys = keys;
        }

        public ApiKey active(String token) {
            return keys.find(token);
        }

        /** Without asking the database; null when not looked up within the cache TTL. */
        public ApiKey cached(String token) {
            return keys.cached(token);
        }
    }
}
