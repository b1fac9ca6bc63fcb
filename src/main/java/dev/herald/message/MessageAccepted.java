package dev.herald.message;

/**
 * Fired inside the ingest transaction; observers that must see committed rows (the dispatcher's wake-up) observe
 * it with {@code during = TransactionPhase.AFTER_SUCCESS}.
 *
 * @param deliveries how many deliveries the message got
 * @param queued     how many of those wait in the table for the dispatcher (the others went straight to a sender)
 */
public record MessageAccepted(String tenantId, String appId, String messageId, int deliveries, int queued) {
}
