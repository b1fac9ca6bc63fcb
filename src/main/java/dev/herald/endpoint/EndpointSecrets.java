package dev.herald.endpoint;

import dev.herald.signing.SecretBox;
import dev.herald.signing.SecretsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Issues, rotates and opens endpoint signing secrets; plaintext never reaches the database. */
@ApplicationScoped
public class EndpointSecrets {

    private final SecretBox box;
    private final Duration rotationOverlap;

    EndpointSecrets(SecretBox box, SecretsConfig config) {
        this.box = box;
        this.rotationOverlap = config.rotationOverlap();
    }

    /** Stores the endpoint's first secret: the given key, or a fresh random one when null. */
    public void issue(Endpoint endpoint, String key, Instant now) {
        EndpointSecret secret = EndpointSecret.newRow(endpoint.tenantId, endpoint.id, now);
        secret.ciphertext = box.seal(key == null ? EndpointSecret.generateKey() : key, secret.id);
        secret.persist();
    }

    /** The key that signs alone once every overlap has passed. */
    public String currentKey(Endpoint endpoint) {
        EndpointSecret secret = EndpointSecret.current(endpoint.id);
        if (secret == null) {
            throw new IllegalStateException("Endpoint " + endpoint.id + " has no current secret");
        }
        return box.open(secret.ciphertext, secret.id);
    }

    /** Makes a new current secret; the old one keeps signing for the configured overlap. */
    public void rotate(Endpoint endpoint, String newKey, Instant now) {
        rotate(endpoint, newKey, now, rotationOverlap);
    }

    public void rotate(Endpoint endpoint, String newKey, Instant now, Duration overlap) {
        // Rotations of one endpoint queue up behind its row lock, so each sees the current secret the previous set.
        Endpoint.getEntityManager().lock(endpoint, LockModeType.PESSIMISTIC_WRITE);
        EndpointSecret.purgeExpired(endpoint.id, now);
        EndpointSecret current = EndpointSecret.current(endpoint.id);
        if (current != null) {
            current.expire(now.plus(overlap));
            // Hibernate flushes inserts before updates; the old secret must stop being current first.
            EndpointSecret.flush();
        }
        issue(endpoint, newKey, now);
    }

    /** The plaintext keys that sign a delivery sent at {@code now}: the current one first. */
    @ActivateRequestContext
    public List<String> signingKeys(String endpointId, Instant now) {
        return EndpointSecret.signing(endpointId, now).stream()
                .map(secret -> box.open(secret.ciphertext, secret.id))
                .toList();
    }
}
