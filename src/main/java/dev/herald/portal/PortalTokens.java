package dev.herald.portal;

import dev.herald.signing.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;

/** Issues portal tokens and decides whether a presented one is still good. */
@ApplicationScoped
public class PortalTokens {

    /** Rows of tokens expired longer than this are purged. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final PortalTokenCodec codec;
    private final PortalConfig config;
    private final InstantSource clock;

    PortalTokens(PortalConfig config, SecretBox secrets, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        this.codec = new PortalTokenCodec(config.signingKey()
                .map(key -> Base64.getDecoder().decode(key.strip()))
                .orElseGet(() -> secrets.derive("herald-portal-token-v1")));
    }

    /** A freshly issued token and the row that tracks it. */
    public record Issued(PortalToken row, String token, String url) {
    }

    @Transactional
    public Issued issue(String tenantId, String appId, String createdBy) {
        Instant now = clock.instant();
        PortalToken.purgeExpired(tenantId, appId, now.minus(KEEP_EXPIRED));
        PortalToken row = PortalToken.issue(tenantId, appId, createdBy, now, now.plus(config.tokenTtl()));
        String token = codec.encode(new PortalTokenCodec.Claims(row.id, tenantId, appId, row.expiresAt));
        String base = config.baseUrl().endsWith("/") ? config.baseUrl() : config.baseUrl() + "/";
        return new Issued(row, token, base + appId + "#token=" + token);
    }

    /** The claims of a token that is genuine, unexpired and not revoked; empty otherwise. */
    @Transactional
    public Optional<PortalTokenCodec.Claims> verify(String token) {
        Instant now = clock.instant();
        return codec.decode(token)
                .filter(claims -> now.isBefore(claims.expiresAt()))
                .filter(claims -> {
                    PortalToken row = PortalToken.findInApp(claims.tenantId(), claims.appId(), claims.id());
                    return row != null && row.isUsable(now);
                });
    }
}
