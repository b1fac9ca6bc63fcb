package dev.herald.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.signing.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Everything the engine reads besides deliveries: the endpoint (URL, headers, rate limit, disabled), the keys
 * that sign now, and the message body. Kept in one place so that it can later delegate to the endpoint and
 * message domains' own finders.
 */
@ApplicationScoped
class DeliveryInputs {

    /** An endpoint as the sender needs it; {@code signingKeys} are plaintext {@code whsec_} keys, newest first. */
    record Target(String endpointId, String url, Map<String, String> headers, Integer rateLimit, boolean disabled,
            List<String> signingKeys) {
    }

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    /** Past this many cached endpoints, expired entries are dropped before new ones go in. */
    private static final int PRUNE_ABOVE = 10_000;

    private record Cached(Target target, Instant until) {
    }

    private final DataSource db;
    private final SecretBox secrets;
    private final ObjectMapper json;
    private final Duration cacheTtl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    DeliveryInputs(DataSource db, SecretBox secrets, ObjectMapper json, DeliveryConfig config) {
        this.db = db;
        this.secrets = secrets;
        this.json = json;
        this.cacheTtl = config.endpointCacheTtl();
    }

    /**
     * The endpoints as the sender needs them, each read at most once per {@code herald.delivery.endpoint-cache-ttl}:
     * every batch used to read the endpoint rows and decrypt their keys again. Whether an endpoint is disabled is
     * decided by the statements that lease deliveries, which read the live row; a cached URL, header or key is at
     * most that old.
     */
    Map<String, Target> endpoints(Collection<String> endpointIds, Instant now) throws SQLException {
        Map<String, Target> targets = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : endpointIds) {
            Cached cached = cache.get(id);
            if (cached != null && now.isBefore(cached.until())) {
                targets.put(id, cached.target());
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return targets;
        }
        Map<String, Target> loaded = load(missing, now);
        if (cache.size() > PRUNE_ABOVE) {
            cache.values().removeIf(cached -> !now.isBefore(cached.until()));
        }
        Instant until = now.plus(cacheTtl);
        loaded.forEach((id, target) -> cache.put(id, new Cached(target, until)));
        targets.putAll(loaded);
        return targets;
    }

    private Map<String, Target> load(Collection<String> endpointIds, Instant now) throws SQLException {
        Map<String, Target> targets = new HashMap<>();
        try (Connection c = db.getConnection()) {
            Map<String, List<String>> keys = signingKeys(c, endpointIds, now);
            try (PreparedStatement s = c.prepareStatement(
                    "select id, url, headers::text, rate_limit, disabled from endpoint where id = any (?)")) {
                s.setArray(1, c.createArrayOf("text", endpointIds.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String id = r.getString(1);
                        Integer rateLimit = r.getObject(4) == null ? null : r.getInt(4);
                        targets.put(id, new Target(id, r.getString(2), headers(r.getString(3)), rateLimit,
                                r.getBoolean(5), keys.getOrDefault(id, List.of())));
                    }
                }
            }
        }
        return targets;
    }

    /** Message bodies by message id, as the exact bytes to send. */
    Map<String, byte[]> payloads(Collection<String> messageIds) throws SQLException {
        Map<String, byte[]> bodies = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select id, payload from message where id = any (?)")) {
            s.setArray(1, c.createArrayOf("text", messageIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bodies.put(r.getString(1), r.getString(2).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return bodies;
    }

    private Map<String, List<String>> signingKeys(Connection c, Collection<String> endpointIds, Instant now)
            throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select id, endpoint_id, ciphertext from endpoint_secret
                 where endpoint_id = any (?) and (expires_at is null or expires_at > ?)
                 order by created_at desc""")) {
            s.setArray(1, c.createArrayOf("text", endpointIds.toArray()));
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.computeIfAbsent(r.getString(2), k -> new ArrayList<>())
                            .add(secrets.open(r.getBytes(3), r.getString(1)));
                }
            }
        }
        return keys;
    }

    private Map<String, String> headers(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException("An endpoint's headers are not a JSON object of strings", e);
        }
    }
}
