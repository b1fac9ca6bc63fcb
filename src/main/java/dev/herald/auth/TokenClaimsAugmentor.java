package dev.herald.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Copies the scope claims of an OIDC token ({@code tenant_id}, {@code tenant_ids}, {@code app_id}) onto the
 * identity's attributes, where {@link CallerScope} reads them for every kind of credential alike. Roles come from
 * the token's realm roles (quarkus.oidc.roles.role-claim-path).
 */
@ApplicationScoped
public class TokenClaimsAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        Set<String> tenants = new LinkedHashSet<>();
        tenants.addAll(CallerScope.strings(token.getClaim(Roles.TENANT_ATTRIBUTE)));
        tenants.addAll(CallerScope.strings(token.getClaim(Roles.TENANTS_ATTRIBUTE)));
        if (!tenants.isEmpty()) {
            // tenant_id stays a single string, as API keys have it; tenant_ids holds them all.
            builder.addAttribute(Roles.TENANT_ATTRIBUTE, tenants.iterator().next());
            builder.addAttribute(Roles.TENANTS_ATTRIBUTE, Set.copyOf(tenants));
        }
        CallerScope.strings(token.getClaim(Roles.APP_ATTRIBUTE)).stream().findFirst()
                .ifPresent(app -> builder.addAttribute(Roles.APP_ATTRIBUTE, app));
        return Uni.createFrom().item(builder.build());
    }
}
