package dev.herald.delivery;

/** A claimed delivery with everything needed to send it, the item on the {@code delivery-claimed} channel. */
record Outbound(ClaimedDelivery delivery, DeliveryInputs.Target target, byte[] body) {
}
