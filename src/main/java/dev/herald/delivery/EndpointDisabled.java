package dev.herald.delivery;

import java.time.Instant;

/**
 * CDI event: the delivery engine disabled an endpoint (410 Gone, or failing for {@code herald.endpoints.disable-after}).
 * Fired once, after the endpoint row changed.
 */
public record EndpointDisabled(String tenantId, String appId, String endpointId, String reason, Instant at) {
}
