package dev.herald.endpoint;

import dev.herald.id.PrefixedId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * One signing secret of an endpoint, stored only as ciphertext. The current one has no expiry; a rotated-out one
 * keeps signing until {@code expiresAt}. Keys are Standard Webhooks secrets: {@code whsec_} + base64 of 24–64 bytes.
 */
@Entity
@Table(name = "endpoint_secret")
public class EndpointSecret extends PanacheEntityBase {

    public static final String KEY_PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    public String id;
    public String tenantId;
    public String endpointId;
    public byte[] ciphertext;
    public Instant createdAt;
    public Instant expiresAt;

    static EndpointSecret newRow(String tenantId, String endpointId, Instant now) {
        EndpointSecret secret = new EndpointSecret();
        secret.id = PrefixedId.next("sec");
        secret.tenantId = tenantId;
        secret.endpointId = endpointId;
        secret.createdAt = now;
        return secret;
    }

    static EndpointSecret current(String endpointId) {
        return find("endpointId = ?1 and expiresAt is null", endpointId).firstResult();
    }

    /** The current secret first, then the rotated-out ones still inside their overlap, newest first. */
    static List<EndpointSecret> signing(String endpointId, Instant now) {
        return list("endpointId = ?1 and (expiresAt is null or expiresAt > ?2) order by expiresAt desc nulls first",
                endpointId, now);
    }

    static void purgeExpired(String endpointId, Instant now) {
        delete("endpointId = ?1 and expiresAt <= ?2", endpointId, now);
    }

    void expire(Instant at) {
        expiresAt = at;
    }

    public static String generateKey() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return KEY_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** Null when the key is well-formed, else what is wrong with it. */
    public static String malformation(String key) {
        if (!key.startsWith(KEY_PREFIX)) {
            return "must start with " + KEY_PREFIX;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.substring(KEY_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return "must be " + KEY_PREFIX + " followed by standard base64";
        }
        if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
            return "must encode between " + MIN_BYTES + " and " + MAX_BYTES + " bytes, got " + bytes.length;
        }
        return null;
    }
}
