package dev.herald.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Copies the scope claims of an OIDC token ({@code tenant_id}, {@code tenant_ids}, {@code app_id}) onto the
 * identity's attributes, where {@link CallerScope} reads them for every kind of credential alike. Roles come from
 * the token's realm roles (quarkus.oidc.roles.role-claim-path).
 */
@ApplicationScoped
public class TokenClaimsAugmentor implements SecurityIdentityAugmentor {

    private static final List<String> SCOPE_CLAIMS = List.of(Roles.TENANT_ATTRIBUTE, Roles.TENANTS_ATTRIBUTE,
            Roles.APP_ATTRIBUTE);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        for (String claim : SCOPE_CLAIMS) {
            Object value = token.getClaim(claim);
            if (value != null) {
                builder.addAttribute(claim, CallerScope.strings(value));
            }
        }
        return Uni.createFrom().item(builder.build());
    }
}
