package dev.herald.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and checks portal tokens: {@code hpt_<base64url(claims JSON)>.<base64url(HMAC-SHA256)>}. The MAC covers the
 * prefix and the claims, so neither can be altered; expiry and revocation are the caller's to check.
 */
public final class PortalTokenCodec {

    public static final String PREFIX = "hpt_";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public PortalTokenCodec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("A portal signing key needs at least 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** What a portal token says: which token (for revocation), whose application, until when. */
    public record Claims(String id, String tenantId, String appId, Instant expiresAt) {
    }

    /** The JSON body of a token; short names keep tokens short. */
    record Body(String jti, String ten, String app, long exp) {
    }

    public String encode(Claims claims) {
        try {
            Body body = new Body(claims.id(), claims.tenantId(), claims.appId(), claims.expiresAt().getEpochSecond());
            String payload = ENCODER.encodeToString(JSON.writeValueAsBytes(body));
            return PREFIX + payload + "." + ENCODER.encodeToString(mac(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token this key signed; empty for anything else (wrong shape, altered, other key). */
    public Optional<Claims> decode(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            if (!MessageDigest.isEqual(mac(parts[0]), DECODER.decode(parts[1]))) {
                return Optional.empty();
            }
            Body body = JSON.readValue(DECODER.decode(parts[0]), Body.class);
            if (body.jti() == null || body.ten() == null || body.app() == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(body.jti(), body.ten(), body.app(), Instant.ofEpochSecond(body.exp())));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(PREFIX.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
