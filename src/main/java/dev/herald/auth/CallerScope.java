package dev.herald.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a credential is and what it reaches, read off its identity: the most powerful role it has, the tenants it is
 * bound to and, for customers, its application (by id or uid).
 *
 * @param role     one of {@link Roles}, or null for an anonymous caller or one without a Herald role
 * @param tenants  tenant ids from the {@code tenant_id} and {@code tenant_ids} attributes, in claim order
 * @param app      the application a customer is confined to; null for other roles
 * @param actor    who is calling, for the audit log
 */
public record CallerScope(String role, Set<String> tenants, String app, String actor) {

    public static CallerScope of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new CallerScope(null, Set.of(), null, "anonymous");
        }
        String role = Roles.BY_PRECEDENCE.stream().filter(identity::hasRole).findFirst().orElse(null);
        Set<String> tenants = new LinkedHashSet<>();
        tenants.addAll(strings(identity.getAttribute(Roles.TENANT_ATTRIBUTE)));
        tenants.addAll(strings(identity.getAttribute(Roles.TENANTS_ATTRIBUTE)));
        String app = first(identity.getAttribute(Roles.APP_ATTRIBUTE));
        return new CallerScope(role, Set.copyOf(tenants), app, identity.getPrincipal().getName());
    }

    public boolean is(String role) {
        return role.equals(this.role);
    }

    public boolean serves(String tenantId) {
        return tenants.contains(tenantId);
    }

    /** True when {@code idOrUid} is exactly how this customer's credential names its application. */
    public boolean namesOwnApp(String idOrUid) {
        return idOrUid != null && idOrUid.equals(app);
    }

    /** Attribute values arrive as a string, a collection of strings or JSON values (from token claims). */
    static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> out.addAll(strings(v)));
        } else if (value != null) {
            String text = value instanceof JsonString json ? json.getString() : value.toString();
            if (!text.isBlank()) {
                out.add(text.strip());
            }
        }
        return out;
    }

    private static String first(Object value) {
        Set<String> values = strings(value);
        return values.isEmpty() ? null : values.iterator().next();
    }
}
