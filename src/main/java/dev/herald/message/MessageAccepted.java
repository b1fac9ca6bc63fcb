package dev.herald.message;

/**
 * Fired inside the ingest transaction; observers that must see committed rows (the dispatcher's wake-up) observe
 * it with {@code during = TransactionPhase.AFTER_SUCCESS}.
 */
public record MessageAccepted(String tenantId, String appId, String messageId, int deliveries) {
}
