package dev.herald.portal;

import dev.herald.id.PrefixedId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The record of one issued portal token: what makes it revocable. The token text itself is never stored. */
@Entity
@Table(name = "portal_token")
public class PortalToken extends PanacheEntityBase {

    @Id
    public String id;
    public String tenantId;
    public String appId;
    public String createdBy;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant revokedAt;

    public static PortalToken issue(String tenantId, String appId, String createdBy, Instant now, Instant expiresAt) {
        PortalToken token = new PortalToken();
        token.id = PrefixedId.next("pt");
        token.tenantId = tenantId;
        token.appId = appId;
        token.createdBy = createdBy;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        token.persist();
        return token;
    }

    public boolean isUsable(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public static PortalToken findInApp(String tenantId, String appId, String id) {
        return find("tenantId = ?1 and appId = ?2 and id = ?3", tenantId, appId, id).firstResult();
    }

    /** The application's tokens that still work, newest first. */
    public static List<PortalToken> usableInApp(String tenantId, String appId, Instant now) {
        return list("tenantId = ?1 and appId = ?2 and revokedAt is null and expiresAt > ?3 order by id desc",
                tenantId, appId, now);
    }

    /** Revokes every token of the application that still works; returns how many. */
    public static int revokeAllInApp(String tenantId, String appId, Instant now) {
        return update("revokedAt = ?1 where tenantId = ?2 and appId = ?3 and revokedAt is null and expiresAt > ?1",
                now, tenantId, appId);
    }

    /** Rows of tokens long expired serve nothing: dropped when new ones are issued for the same application. */
    public static long purgeExpired(String tenantId, String appId, Instant before) {
        return delete("tenantId = ?1 and appId = ?2 and expiresAt < ?3", tenantId, appId, before);
    }
}
