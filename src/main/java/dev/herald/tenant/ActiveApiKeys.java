package dev.herald.tenant;

import dev.herald.auth.TokenHash;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Finds the active API key of a bearer token for every API request, so it is on the hot path of ingest: a plain
 * indexed query (no ORM session, no transaction) whose answer is kept for {@code herald.api-keys.cache-ttl}.
 * Revoking forgets the key here at once; other instances notice within the TTL. Unknown tokens are not cached
 * (a flood of random tokens must not grow memory).
 */
@ApplicationScoped
public class ActiveApiKeys {

    private static final int MAX_CACHED = 100_000;

    private record Cached(ApiKey key, long until) {
    }

    private final DataSource db;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ActiveApiKeys(DataSource db, TenantConfig config) {
        this.db = db;
        this.ttlNanos = config.cacheTtl().toNanos();
    }

    /**
     * The key this token had when last looked up within the TTL, or null (unknown, or not looked up lately). Never
     * asks the database, so the event loop may call it; on null, call {@link #find} off it.
     */
    public ApiKey cached(String token) {
        Cached cached = cache.get(cacheKey(TokenHash.sha256(token)));
        return cached != null && System.nanoTime() - cached.until() < 0 ? cached.key() : null;
    }

    /** The active (unrevoked) key with this token, or null. The instance is a read-only snapshot. Blocking. */
    public ApiKey find(String token) {
        byte[] hash = TokenHash.sha256(token);
        String cacheKey = cacheKey(hash);
        long now = System.nanoTime();
        Cached cached = cache.get(cacheKey);
        if (cached != null && now - cached.until() < 0) {
            return cached.key();
        }
        ApiKey key = load(hash);
        if (key == null) {
            cache.remove(cacheKey);
        } else if (ttlNanos > 0) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(cacheKey, new Cached(key, now + ttlNanos));
        }
        return key;
    }

    private static String cacheKey(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    /** Drops a revoked key from this instance's cache. */
    public void forget(String keyId) {
        cache.values().removeIf(cached -> cached.key().id.equals(keyId));
    }

    private ApiKey load(byte[] hash) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, tenant_id from api_key where token_hash = ? and revoked_at is null")) {
            s.setBytes(1, hash);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                ApiKey key = new ApiKey();
                key.id = r.getString(1);
                key.tenantId = r.getString(2);
                return key;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up an API key", e);
        }
    }
}
