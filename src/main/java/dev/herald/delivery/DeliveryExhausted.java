package dev.herald.delivery;

import java.time.Instant;

/**
 * CDI event: a delivery failed its last scheduled attempt. Fired after the state change is stored, on the
 * recording thread; observers should be quick (or use {@code @ObservesAsync}).
 */
public record DeliveryExhausted(String tenantId, String appId, String endpointId, String messageId, long deliveryId,
        int attempts, Integer lastStatusCode, String lastError, Instant at) {
}
