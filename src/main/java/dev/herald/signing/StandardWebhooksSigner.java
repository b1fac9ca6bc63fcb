package dev.herald.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook the Standard Webhooks way: {@code v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>}, one
 * signature per key, space-separated. Keys are {@code whsec_} + base64. An initialised {@link Mac} is kept per key
 * and cloned per use, because {@code Mac.init} costs more than the HMAC of a small body.
 */
public final class StandardWebhooksSigner {

    public static final String SECRET_PREFIX = "whsec_";
    private static final int MAX_CACHED_KEYS = 10_000;

    private final Map<String, Mac> prototypes = new ConcurrentHashMap<>();

    /** The {@code webhook-signature} header value for these keys (in the order given). */
    public String sign(String messageId, long timestampSeconds, byte[] body, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A webhook needs at least one signing key");
        }
        byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder();
        for (String key : keys) {
            Mac mac = macFor(key);
            mac.update(prefix);
            mac.update(body);
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal()));
        }
        return header.toString();
    }

    private Mac macFor(String key) {
        if (prototypes.size() > MAX_CACHED_KEYS) {
            prototypes.clear();
        }
        Mac prototype = prototypes.computeIfAbsent(key, StandardWebhooksSigner::newMac);
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static Mac newMac(String key) {
        String encoded = key.startsWith(SECRET_PREFIX) ? key.substring(SECRET_PREFIX.length()) : key;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
