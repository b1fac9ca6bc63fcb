package dev.herald.tenant;

import dev.herald.auth.TokenHash;
import dev.herald.id.PrefixedId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;

/** A tenant's machine credential. Only the SHA-256 of its token is stored; the token is shown once. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    public static final String TOKEN_PREFIX = "hk_";

    @Id
    public String id;
    public String tenantId;
    public String name;
    public byte[] tokenHash;
    public String tokenPrefix;
    public Instant createdAt;
    public Instant revokedAt;

    /** The plaintext token, present only on the instance that issued it. */
    @Transient
    public String issuedToken;

    public static ApiKey issue(String tenantId, String name, Instant now) {
        ApiKey key = new ApiKey();
        key.id = PrefixedId.next("key");
        key.tenantId = tenantId;
        key.name = name;
        key.issuedToken = TokenHash.newToken(TOKEN_PREFIX);
        key.tokenHash = TokenHash.sha256(key.issuedToken);
        key.tokenPrefix = key.issuedToken.substring(0, TOKEN_PREFIX.length() + 6);
        key.createdAt = now;
        key.persist();
        return key;
    }

    public static ApiKey findActiveByToken(String token) {
        return find("tokenHash = ?1 and revokedAt is null", (Object) TokenHash.sha256(token)).firstResult();
    }

    public static ApiKey findInTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    public static List<ApiKey> listInTenant(String tenantId) {
        return list("tenantId = ?1 order by id desc", tenantId);
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
