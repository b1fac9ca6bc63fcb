package dev.herald.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The shapes of the platform admin's tenant API. */
public final class TenantApi {

    private TenantApi() {
    }

    public record TenantIn(@NotBlank @Size(max = 200) String name) {
    }

    public record TenantOut(String id, String name, Instant createdAt) {
        static TenantOut from(Tenant tenant) {
            return new TenantOut(tenant.id, tenant.name, tenant.createdAt);
        }
    }

    public record ApiKeyIn(@Size(max = 200) String name) {
    }

    /** {@code token} is present only in the answer to the request that issued the key. */
    public record ApiKeyOut(String id, String tenantId, String name, String tokenPrefix, String token,
            Instant createdAt, Instant revokedAt) {
        static ApiKeyOut from(ApiKey key) {
            return new ApiKeyOut(key.id, key.tenantId, key.name, key.tokenPrefix, key.issuedToken, key.createdAt,
                    key.revokedAt);
        }
    }
}
